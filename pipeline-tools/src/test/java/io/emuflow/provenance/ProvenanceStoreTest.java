package io.emuflow.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceStoreTest {
    @TempDir
    Path dir;

    private String url(Path base) {
        return "jdbc:h2:file:" + base.toAbsolutePath();
    }

    @Test
    void migratesAnEmptyDatabaseToTheLatestSchema() {
        Path db = dir.resolve("p/emuflow");
        try (ProvenanceStore store = ProvenanceStore.open(db, true)) {
            assertEquals(List.of("1 | TRUE", "2 | TRUE", "3 | TRUE", "4 | TRUE"),
                    Db.rows(store.connection(), "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL"));
            for (String table : Db.TABLES) {
                assertEquals(List.of("0"), Db.rows(store.connection(), "SELECT COUNT(*) FROM " + table), table);
            }
        }
        assertTrue(Files.exists(dir.resolve("p/emuflow.mv.db")));
        // the .mv.db name opens the same database
        try (ProvenanceStore store = ProvenanceStore.open(dir.resolve("p/emuflow.mv.db"), false)) {
            assertEquals(dir.resolve("p/emuflow.mv.db").toAbsolutePath(), store.file());
        }
    }

    @Test
    void refusesADatabaseMadeByVersion1UntilUpgradedAndThenKeepsItsRows() throws Exception {
        Path db = dir.resolve("old");
        Flyway.configure().dataSource(url(db), "emuflow", "").locations("classpath:db/migration", "classpath:db/vendor/h2").target("1").load().migrate();
        Chain chain = Chain.build(dir, 7, "mlp", 32, 0.02);
        try (Connection c = DriverManager.getConnection(url(db), "emuflow", ""); Statement s = c.createStatement()) {
            // what a version-1 emuflow wrote (its columns only)
            s.executeUpdate("INSERT INTO run (run_name, recorded_utc) VALUES ('old_run', CURRENT_TIMESTAMP)");
            s.executeUpdate("INSERT INTO artifact (sha256, kind, bytes) VALUES ('" + Hashing.sha256(chain.samples) + "', 'samples', 20)");
            s.executeUpdate("INSERT INTO step_execution (sidecar_sha256, step, study, tool_version, command_line, settings, sidecar) "
                    + "VALUES ('" + "0".repeat(64) + "', 'sample', 'pk-toy', '0.0.9', 'emuflow sample', '{}', '{}')");
            s.executeUpdate("INSERT INTO artifact_location (sha256, path) VALUES ('" + Hashing.sha256(chain.samples) + "', '"
                    + chain.samples.toAbsolutePath() + "')");
            assertThrows(Exception.class, () -> s.executeQuery("SELECT task_name FROM step_execution"));
        }
        Map<String, List<String>> v1Rows;
        // an older schema is upgraded only on request (emuflow db upgrade), for readers and writers alike
        for (boolean forWriting : new boolean[] {true, false}) {
            ProvenanceStore.StoreOutdatedException e = assertThrows(ProvenanceStore.StoreOutdatedException.class, () -> ProvenanceStore.open(db, forWriting));
            assertEquals("provenance database " + db.toAbsolutePath() + ".mv.db has schema version 1, older than this emuflow's (4); "
                    + "upgrade it with: emuflow db upgrade --db " + db.toAbsolutePath(), e.getMessage());
        }
        assertEquals(List.of("1", "4"), List.of(ProvenanceStore.upgrade(StoreTarget.h2(db), null)));
        assertEquals(List.of("4", "4"), List.of(ProvenanceStore.upgrade(StoreTarget.h2(db), null)));
        try (ProvenanceStore store = ProvenanceStore.open(db, true)) {
            assertEquals(List.of("1 | TRUE", "2 | TRUE", "3 | TRUE", "4 | TRUE"),
                    Db.rows(store.connection(), "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL"));
            assertEquals(List.of("sample | 0.0.9 | null"), Db.rows(store.connection(), "SELECT step, tool_version, task_name FROM step_execution"));
            assertEquals(List.of("old_run"), Db.rows(store.connection(), "SELECT run_name FROM run"));
            v1Rows = Map.of("artifact", Db.rows(store.connection(), "SELECT sha256, kind, bytes FROM artifact"));
            // version 3 made locations relative to an outdir: a version-1 location keeps its absolute path, outdir ''
            assertEquals(List.of(" | " + chain.samples.toAbsolutePath()), Db.rows(store.connection(), "SELECT outdir, path FROM artifact_location"));
            assertEquals(1, new Verifier(store).verify(null, null).path("checked").asInt());
            new Recorder(store, new RunInfo("new_run", null, null, null, null)).ingest(chain.sidecars.get(0));
        }
        assertEquals(List.of(Hashing.sha256(chain.samples) + " | samples | 20"), v1Rows.get("artifact"));
        assertEquals(2, Db.count(db, "SELECT COUNT(*) FROM step_execution"));
    }

    @Test
    void refusesADatabaseFromANewerEmuflow() {
        Path db = dir.resolve("future");
        Flyway.configure().dataSource(url(db), "emuflow", "").locations("classpath:db/migration", "classpath:db/vendor/h2", "classpath:db/future").load().migrate();
        for (boolean forWriting : new boolean[] {true, false}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProvenanceStore.open(db, forWriting));
            assertTrue(e.getMessage().contains("has schema version 99, newer than this emuflow knows (4)"), e.getMessage());
        }
    }

    @Test
    void aReadOnlyDatabaseCanBeAuditedButNotRecordedInto() throws Exception {
        Path db = dir.resolve("ro");
        Chain chain = Chain.build(dir, 7, "mlp", 32, 0.02);
        try (ProvenanceStore store = ProvenanceStore.open(db, true)) {
            new Recorder(store, new RunInfo("r", null, null, null, null)).ingest(chain.sidecars.get(0));
        }
        Path file = dir.resolve("ro.mv.db");
        Map<String, List<String>> before = Db.snapshot(db);
        byte[] bytes = Files.readAllBytes(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProvenanceStore.open(db, true));
            assertTrue(e.getMessage().contains("is read-only"), e.getMessage());
            try (ProvenanceStore store = ProvenanceStore.open(db, false)) {
                assertTrue(store.readOnly());
                assertEquals(List.of("1"), Db.rows(store.connection(), "SELECT COUNT(*) FROM step_execution"));
            }
            assertEquals(before, Db.snapshot(db));
            assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(file)), "auditing a read-only database changed its file");
        } finally {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void auditOfAMissingDatabaseSaysSoAndCreatesNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProvenanceStore.open(dir.resolve("none"), false));
        assertTrue(e.getMessage().contains("no provenance database at"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("none.mv.db")));
    }

    @Test
    void aFileThatIsNotADatabaseGivesOneLine() throws Exception {
        Files.writeString(dir.resolve("junk.mv.db"), "this is not H2");
        RuntimeException e = assertThrows(RuntimeException.class, () -> ProvenanceStore.open(dir.resolve("junk"), true));
        assertTrue(e.getMessage().contains("junk.mv.db") && !e.getMessage().contains("\n"), e.getMessage());
    }
}
