package io.emuflow.provenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * The database that holds the provenance of runs: by default one run's H2 file ({@code <outdir>/provenance/emuflow.mv.db}),
 * or a group's PostgreSQL database ({@code --db jdbc:postgresql://host:port/db}, {@link StoreTarget}). Flyway holds
 * the schema: the portable migrations in db/migration plus V1-V3 in the engine's dialect (db/vendor/ENGINE).
 * Opening a store checks its schema version: an empty database is created (when writing), an older one is refused
 * with the command that upgrades it ({@link #upgrade}), a newer one is refused rather than misread. An H2 file that is
 * read-only opens read-only (for audit).
 */
public final class ProvenanceStore implements AutoCloseable {
    private static final int H2_LOCKED = 90020;
    private static final int H2_NOT_FOUND = 90146;
    private static final String H2_USER = "emuflow";
    /** Seconds to wait for a PostgreSQL server before saying it cannot be reached (the URL's connectTimeout wins). */
    static final int CONNECT_TIMEOUT_S = 5;

    private final Connection connection;
    private final StoreTarget target;
    private final DataSource source;
    private final boolean readOnly;
    /** The schema version found on opening ("none" for an empty database), before any migration. */
    private String versionFound = "none";

    private ProvenanceStore(Connection connection, StoreTarget target, DataSource source, boolean readOnly) {
        this.connection = connection;
        this.target = target;
        this.source = source;
        this.readOnly = readOnly;
    }

    /** Opens an H2 store; {@code path} may end in .mv.db or not. See {@link #open(StoreTarget, Credentials, boolean)}. */
    public static ProvenanceStore open(Path path, boolean forWriting) {
        return open(StoreTarget.h2(path), null, forWriting);
    }

    /** Opens the store a --db value names (an H2 path or a PostgreSQL URL), with credentials from the environment. */
    public static ProvenanceStore open(String db, boolean forWriting) {
        StoreTarget target = StoreTarget.parse(db);
        return open(target, credentialsFor(target), forWriting);
    }

    /**
     * Opens a store and checks its schema.
     *
     * @param credentials for PostgreSQL (ignored for H2)
     * @param forWriting create the schema in an empty database, and refuse a read-only H2 file (the `record` step);
     *     otherwise the store must exist and a read-only H2 file is opened read-only (audit, export, report)
     */
    public static ProvenanceStore open(StoreTarget target, Credentials credentials, boolean forWriting) {
        return open(target, credentials, forWriting, false);
    }

    /**
     * `emuflow db upgrade`: brings an older store's schema to this emuflow's (an empty one is created); refuses a
     * newer one.
     *
     * @return the schema versions before and after, e.g. {"1", "3"} ("none" for an empty database)
     */
    public static String[] upgrade(StoreTarget target, Credentials credentials) {
        try (ProvenanceStore store = open(target, credentials, true, true)) {
            return new String[] {store.versionFound, currentVersion(store.flyway())};
        }
    }

    static Credentials credentialsFor(StoreTarget target) {
        return target.engine() == StoreTarget.Engine.POSTGRESQL ? Credentials.fromEnvironment(target) : null;
    }

    private static ProvenanceStore open(StoreTarget target, Credentials credentials, boolean forWriting, boolean upgrade) {
        boolean readOnlyFile = false;
        if (target.engine() == StoreTarget.Engine.H2) {
            Path file = target.h2File();
            boolean exists = Files.exists(file);
            if (!forWriting && !exists) {
                throw new IllegalArgumentException("no provenance database at " + file);
            }
            readOnlyFile = exists && isReadOnly(file);
            if (forWriting && readOnlyFile) {
                throw new IllegalArgumentException("provenance database " + file + " is read-only: " + (upgrade ? "db upgrade" : "record")
                        + " needs to write it");
            }
            if (forWriting) {
                try {
                    Files.createDirectories(file.getParent());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot create the folder of " + file + ": " + e.getMessage(), e);
                }
            }
        }
        DataSource source = dataSource(target, credentials, forWriting, readOnlyFile);
        Connection connection;
        try {
            connection = source.getConnection();
        } catch (SQLException e) {
            throw describe(e, target);
        }
        ProvenanceStore store = new ProvenanceStore(connection, target, source, readOnlyFile);
        try {
            store.checkSchema(forWriting, upgrade);
            return store;
        } catch (RuntimeException e) {
            store.closeQuietly();
            throw e;
        }
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(source)
                .locations("classpath:db/migration", "classpath:db/vendor/" + target.engine().vendor)
                .load();
    }

    /** Creates an empty store's schema when writing; refuses an older (unless upgrading) or a newer one. */
    private void checkSchema(boolean forWriting, boolean upgrade) {
        String name = target.describe();
        try {
            Flyway flyway = flyway();
            boolean pending = false;
            boolean applied = false;
            for (MigrationInfo m : flyway.info().all()) {
                if (m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED) {
                    throw new IllegalArgumentException("provenance database " + name + " has schema version " + currentVersion(flyway)
                            + ", newer than this emuflow knows (" + latestKnown(flyway) + "); use a newer emuflow");
                }
                pending |= m.getState() == MigrationState.PENDING;
                applied |= m.getState() == MigrationState.SUCCESS && m.getVersion() != null;
            }
            versionFound = applied ? currentVersion(flyway) : "none";
            if (!pending) {
                return;
            }
            if (applied && !upgrade) {
                throw new StoreOutdatedException("provenance database " + name + " has schema version " + currentVersion(flyway)
                        + ", older than this emuflow's (" + latestKnown(flyway) + "); upgrade it with: emuflow db upgrade --db "
                        + (target.engine() == StoreTarget.Engine.H2 ? target.h2Base().toString() : name));
            }
            if (!applied && !forWriting) {
                throw new IllegalArgumentException("provenance database " + name + " is empty: no run has been recorded into it");
            }
            if (readOnly) {
                throw new IllegalArgumentException("provenance database " + name + " is read-only and needs migrating; make it writable once");
            }
            flyway.migrate();
        } catch (FlywayException e) {
            String first = String.valueOf(e.getMessage()).strip().split("[\\r\\n]")[0];
            throw new IllegalStateException("cannot migrate provenance database " + name + ": " + first, e);
        }
    }

    private static String currentVersion(Flyway flyway) {
        MigrationInfo current = flyway.info().current();
        return current == null || current.getVersion() == null ? "none" : current.getVersion().toString();
    }

    private static String latestKnown(Flyway flyway) {
        String latest = "none";
        for (MigrationInfo m : flyway.info().all()) {
            if (m.getState() != MigrationState.FUTURE_SUCCESS && m.getState() != MigrationState.FUTURE_FAILED && m.getVersion() != null) {
                latest = m.getVersion().toString();
            }
        }
        return latest;
    }

    private static DataSource dataSource(StoreTarget target, Credentials credentials, boolean forWriting, boolean readOnlyFile) {
        if (target.engine() == StoreTarget.Engine.H2) {
            // WRITE_DELAY=0: a commit reaches the file before commit() returns. H2's default (500 ms) keeps recent commits
            // in memory, and a SIGKILL then loses records that `record` had reported as committed (RecordProcessTest).
            org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
            h2.setURL("jdbc:h2:file:" + target.h2Base() + ";WRITE_DELAY=0" + (forWriting ? "" : ";IFEXISTS=TRUE")
                    + (readOnlyFile ? ";ACCESS_MODE_DATA=r" : ""));
            h2.setUser(H2_USER);
            h2.setPassword("");
            return h2;
        }
        org.postgresql.ds.PGSimpleDataSource pg = new org.postgresql.ds.PGSimpleDataSource();
        pg.setURL(target.url());
        if (!target.options().containsKey("connectTimeout")) {
            pg.setConnectTimeout(CONNECT_TIMEOUT_S);
        }
        if (!target.options().containsKey("loginTimeout")) {
            pg.setLoginTimeout(2 * CONNECT_TIMEOUT_S);
        }
        pg.setApplicationName("emuflow");
        if (credentials != null) {
            pg.setUser(credentials.user());
            pg.setPassword(credentials.password());
        }
        return pg;
    }

    /** Read-only by its permission bits (a root user may write any file, but a file marked read-only is meant to stay so). */
    private static boolean isReadOnly(Path file) {
        if (!Files.isWritable(file)) {
            return true;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return !permissions.contains(PosixFilePermission.OWNER_WRITE) && !permissions.contains(PosixFilePermission.GROUP_WRITE)
                    && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    public Connection connection() {
        return connection;
    }

    /** The H2 database file; null for a PostgreSQL store. */
    public Path file() {
        return target.h2File();
    }

    /** The store's file or URL, for messages. */
    public String name() {
        return target.describe();
    }

    public StoreTarget target() {
        return target;
    }

    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw describe(e, target);
        }
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the failure that made us close matters more
        }
    }

    /**
     * One clear line for the failures users meet: a locked or missing H2 file; a PostgreSQL server that cannot be reached,
     * refuses the credentials or lacks the database. No stack trace, no password.
     */
    static RuntimeException describe(SQLException e, StoreTarget target) {
        String name = target.describe();
        String first = String.valueOf(e.getMessage()).strip().split("[\\r\\n]")[0];
        if (target.engine() == StoreTarget.Engine.H2) {
            if (e.getErrorCode() == H2_LOCKED || first.contains("already in use")) {
                return new DatabaseLockedException("provenance database " + name + " is locked by another process", e);
            }
            if (e.getErrorCode() == H2_NOT_FOUND) {
                return new IllegalArgumentException("no provenance database at " + name, e);
            }
            return new IllegalStateException("provenance database " + name + ": " + first, e);
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("28P01") || state.equals("28000")) {
            // invalid_password / invalid_authorization_specification (PostgreSQL Appendix A, class 28)
            return new IllegalArgumentException("PostgreSQL at " + target.host() + ":" + target.port() + " refused the credentials ("
                    + first.replaceFirst("^FATAL: ", "") + "); they come from " + Credentials.USER_VARIABLE + "/"
                    + Credentials.PASSWORD_VARIABLE + " or ~/.pgpass");
        }
        if (state.equals("42501")) {
            // insufficient_privilege: a read-only login (conf/postgresql/roles.sql) asked to write
            return new IllegalArgumentException("PostgreSQL at " + target.host() + ":" + target.port() + " does not let this user write the store ("
                    + first.replaceFirst("^ERROR: ", "") + "); record needs a login in the emuflow_writer role (conf/postgresql/roles.sql)");
        }
        if (state.equals("3D000")) {
            return new IllegalArgumentException("PostgreSQL at " + target.host() + ":" + target.port() + " has no database '"
                    + target.database() + "' (create it, then run emuflow db upgrade --db " + name + ")");
        }
        if (serverUnavailable(e)) {
            // connection_exception class (refused, timed out, unknown host, connection lost) or the server shutting down
            // or starting up (57P01-57P03)
            return new ServerUnavailableException("cannot reach the PostgreSQL server at " + target.host() + ":" + target.port()
                    + " (" + first + ")", e);
        }
        return new IllegalStateException("provenance database " + name + ": " + first);
    }

    static Path base(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".mv.db") ? path.resolveSibling(name.substring(0, name.length() - ".mv.db".length())) : path;
    }

    /** The store's schema is older than this emuflow's: `emuflow db upgrade` brings it up to date. */
    public static final class StoreOutdatedException extends IllegalArgumentException {
        StoreOutdatedException(String message) {
            super(message);
        }
    }

    /** True if the failure (or one of its causes) says the server went away or is not up: worth trying again later. */
    public static boolean serverUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServerUnavailableException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || List.of("57P01", "57P02", "57P03").contains(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The PostgreSQL server cannot be reached now (down, restarting, network); the caller may wait and retry. */
    public static final class ServerUnavailableException extends IllegalStateException {
        ServerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The database is held by another writer; the caller may wait and retry. */
    public static final class DatabaseLockedException extends IllegalStateException {
        DatabaseLockedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
