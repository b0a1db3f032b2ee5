package io.emuflow.provenance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The H2 file database that holds the provenance of every run ({@code <outdir>/provenance/emuflow.mv.db}).
 * Flyway migrates it from the migrations packaged in the jar (schema/db/migration) before any use.
 */
public final class ProvenanceStore implements AutoCloseable {
    private static final int H2_LOCKED = 90020;
    private static final int H2_NOT_FOUND = 90146;

    private final Connection connection;
    private final Path file;

    private ProvenanceStore(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    /** Opens (creating if asked) and migrates the database; {@code path} may end in .mv.db or not. */
    public static ProvenanceStore open(Path path, boolean create) {
        Path base = base(path);
        Path file = base.resolveSibling(base.getFileName() + ".mv.db");
        if (!create && !Files.exists(file)) {
            throw new IllegalArgumentException("no provenance database at " + file);
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new IllegalArgumentException("provenance database " + file + " is read-only");
        }
        String url = "jdbc:h2:file:" + base.toAbsolutePath() + (create ? "" : ";IFEXISTS=TRUE");
        try {
            if (create) {
                Files.createDirectories(base.toAbsolutePath().getParent());
            }
            Connection connection = DriverManager.getConnection(url, "emuflow", "");
            migrate(url, file);
            return new ProvenanceStore(connection, file);
        } catch (SQLException e) {
            throw describe(e, file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
    }

    private static void migrate(String url, Path file) {
        try {
            Flyway.configure()
                    .dataSource(url, "emuflow", "")
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("not resolved locally") || message.contains("newer")) {
                throw new IllegalArgumentException("provenance database " + file
                        + " has a newer schema than this tool knows; use a newer emuflow", e);
            }
            throw new IllegalStateException("cannot migrate provenance database " + file + ": " + message, e);
        }
    }

    public Connection connection() {
        return connection;
    }

    public Path file() {
        return file;
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
        return new IllegalStateException("provenance database " + file + ": " + e.getMessage(), e);
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
