package io.emuflow.provenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * The H2 file database that holds the provenance of every run ({@code <outdir>/provenance/emuflow.mv.db}).
 * Flyway migrates it from the migrations packaged in the jar (schema/db/migration) before any use. A database
 * whose file is read-only opens read-only (for audit) if its schema is current; a database made by a newer
 * emuflow is refused rather than misread.
 */
public final class ProvenanceStore implements AutoCloseable {
    private static final int H2_LOCKED = 90020;
    private static final int H2_NOT_FOUND = 90146;
    private static final String USER = "emuflow";

    private final Connection connection;
    private final Path file;
    private final boolean readOnly;

    private ProvenanceStore(Connection connection, Path file, boolean readOnly) {
        this.connection = connection;
        this.file = file;
        this.readOnly = readOnly;
    }

    /**
     * Opens and migrates the database; {@code path} may end in .mv.db or not.
     *
     * @param forWriting create the database if missing, and refuse a read-only file (the `record` step);
     *     otherwise the database must exist and a read-only file is opened read-only (audit, export)
     */
    public static ProvenanceStore open(Path path, boolean forWriting) {
        Path base = base(path).toAbsolutePath();
        Path file = base.resolveSibling(base.getFileName() + ".mv.db");
        boolean exists = Files.exists(file);
        if (!forWriting && !exists) {
            throw new IllegalArgumentException("no provenance database at " + file);
        }
        boolean readOnlyFile = exists && isReadOnly(file);
        if (forWriting && readOnlyFile) {
            throw new IllegalArgumentException("provenance database " + file + " is read-only: record needs to write it");
        }
        // WRITE_DELAY=0: a commit reaches the file before commit() returns. H2's default (500 ms) keeps recent commits
        // in memory, and a SIGKILL then loses records that `record` had reported as committed (RecordProcessTest).
        String url = "jdbc:h2:file:" + base + ";WRITE_DELAY=0" + (forWriting ? "" : ";IFEXISTS=TRUE")
                + (readOnlyFile ? ";ACCESS_MODE_DATA=r" : "");
        try {
            if (forWriting) {
                Files.createDirectories(base.getParent());
            }
            Connection connection = DriverManager.getConnection(url, USER, "");
            try {
                migrate(url, file, readOnlyFile);
            } catch (RuntimeException e) {
                connection.close();
                throw e;
            }
            return new ProvenanceStore(connection, file, readOnlyFile);
        } catch (SQLException e) {
            throw describe(e, file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
    }

    /** Brings the schema up to date, after refusing a schema newer than this tool's migrations. */
    private static void migrate(String url, Path file, boolean readOnly) {
        Flyway flyway = Flyway.configure()
                .dataSource(url, USER, "")
                .locations("classpath:db/migration")
                .load();
        try {
            boolean pending = false;
            for (MigrationInfo m : flyway.info().all()) {
                if (m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED) {
                    throw new IllegalArgumentException("provenance database " + file + " has schema version " + m.getVersion()
                            + ", newer than this emuflow knows (" + latestKnown(flyway) + "); use a newer emuflow");
                }
                pending |= m.getState() == MigrationState.PENDING;
            }
            if (readOnly) {
                if (pending) {
                    throw new IllegalArgumentException("provenance database " + file
                            + " is read-only and has an older schema that needs migrating; make it writable once");
                }
                return;
            }
            flyway.migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException("cannot migrate provenance database " + file + ": " + e.getMessage(), e);
        }
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

    public Path file() {
        return file;
    }

    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw describe(e, file);
        }
    }

    /** One clear line for the failures users meet: a locked or missing database. */
    static RuntimeException describe(SQLException e, Path file) {
        if (e.getErrorCode() == H2_LOCKED || String.valueOf(e.getMessage()).contains("already in use")) {
            return new DatabaseLockedException("provenance database " + file + " is locked by another process", e);
        }
        if (e.getErrorCode() == H2_NOT_FOUND) {
            return new IllegalArgumentException("no provenance database at " + file, e);
        }
        String first = String.valueOf(e.getMessage()).split("[\\r\\n]")[0];
        return new IllegalStateException("provenance database " + file + ": " + first, e);
    }

    static Path base(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".mv.db") ? path.resolveSibling(name.substring(0, name.length() - ".mv.db".length())) : path;
    }

    /** The database is held by another writer; the caller may wait and retry. */
    public static final class DatabaseLockedException extends IllegalStateException {
        DatabaseLockedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
