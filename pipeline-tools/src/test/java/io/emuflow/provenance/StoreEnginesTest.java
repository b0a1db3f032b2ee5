package io.emuflow.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emuflow.cli.EmuflowCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store on both engines: an embedded H2 file and a real PostgreSQL server ({@link PostgresServer}, skipped with a
 * reason where no server binaries exist). Same record/audit answers, same schema-version rules, one-line errors.
 */
class StoreEnginesTest {
    @RegisterExtension
    static final PostgresServer PG = new PostgresServer();

    @TempDir
    Path dir;

    /** A fresh, empty store on the engine, and the credentials to open it. */
    private record Store(StoreTarget target, Credentials credentials) {
        ProvenanceStore open(boolean forWriting) {
            return ProvenanceStore.open(target, credentials, forWriting);
        }

        org.flywaydb.core.api.configuration.FluentConfiguration flyway(String... extraLocations) {
            List<String> locations = new ArrayList<>(List.of("classpath:db/migration", "classpath:db/vendor/" + target.engine().vendor));
            locations.addAll(List.of(extraLocations));
            var config = Flyway.configure().locations(locations.toArray(String[]::new));
            return target.engine() == StoreTarget.Engine.H2
                    ? config.dataSource("jdbc:h2:file:" + target.h2Base(), "emuflow", "")
                    : config.dataSource(target.url(), credentials.user(), credentials.password());
        }

        /** What `--db` takes for this store. */
        String db() {
            return target.engine() == StoreTarget.Engine.H2 ? target.h2Base().toString() : target.url();
        }
    }

    private Store fresh(StoreTarget.Engine engine, String name) throws Exception {
        if (engine == StoreTarget.Engine.H2) {
            return new Store(StoreTarget.h2(dir.resolve(name + "/emuflow")), null);
        }
        return new Store(StoreTarget.parse(PG.newDatabase()), PostgresServer.credentials());
    }

    private static List<String> history(ProvenanceStore store) {
        return Db.rows(store.connection(), "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL");
    }

    @ParameterizedTest
    @EnumSource(StoreTarget.Engine.class)
    void recordThenAuditRoundTripsAndRecordingAgainAddsNothing(StoreTarget.Engine engine) throws Exception {
        Store store = fresh(engine, "round");
        Chain chain = Chain.data(dir, 42).model("mlp", 64, 0.012);
        try (ProvenanceStore s = store.open(true)) {
            assertEquals(List.of("1", "2", "3"), history(s));
            Recorder r = new Recorder(s, new RunInfo("happy_turing", "s-1", null, "24.10.0", "1111111"));
            for (Path sidecar : chain.sidecars) {
                assertTrue(r.ingest(sidecar), sidecar.toString());
            }
        }
        try (ProvenanceStore s = store.open(true)) {
            Recorder again = new Recorder(s, new RunInfo("happy_turing", "s-1", null, "24.10.0", "1111111"));
            for (Path sidecar : chain.sidecars) {
                assertFalse(again.ingest(sidecar), "recorded twice: " + sidecar);
            }
        }
        try (ProvenanceStore s = store.open(false)) {
            assertEquals(List.of(String.valueOf(chain.sidecars.size())), Db.rows(s.connection(), "SELECT COUNT(*) FROM step_execution"));
            assertEquals(List.of(String.valueOf(chain.sidecars.size())), Db.rows(s.connection(), "SELECT COUNT(*) FROM run_step"));
            Auditor auditor = new Auditor(s);
            String model = auditor.resolveModel("mlp");
            assertEquals(Hashing.sha256(chain.model), model);
            JsonNode lineage = auditor.modelLineage(model);
            assertTrue(lineage.toString().contains(Hashing.sha256(chain.samples)), "the lineage reaches the samples");
            assertEquals(List.of("happy_turing"), auditor.run("happy_turing").findValuesAsText("run").subList(0, 1));
        }
    }

    @Test
    void bothEnginesGiveTheSameLineageAndRunAnswers() throws Exception {
        PG.assumeAvailable();
        Chain chain = Chain.data(dir, 7).model("mlp", 32, 0.02).model("mlp-wide", 64, 0.01);
        List<String> answers = new ArrayList<>();
        for (StoreTarget.Engine engine : StoreTarget.Engine.values()) {
            Store store = fresh(engine, "same");
            try (ProvenanceStore s = store.open(true)) {
                Recorder r = new Recorder(s, new RunInfo("run_a", "session-a", null, "24.10.0", "1111111"));
                chain.sidecars.forEach(r::ingest);
                Auditor auditor = new Auditor(s);
                answers.add(auditor.modelLineage(auditor.resolveModel("mlp-wide")).toPrettyString()
                        + auditor.run("run_a").toPrettyString() + auditor.models(Chain.STUDY, "test_p99").toPrettyString());
            }
        }
        assertEquals(answers.get(0), answers.get(1));
    }

    @ParameterizedTest
    @EnumSource(StoreTarget.Engine.class)
    void anOlderStoreIsRefusedWithTheUpgradeCommandAndUpgradeKeepsItsRows(StoreTarget.Engine engine) throws Exception {
        Store store = fresh(engine, "old");
        Flyway v1 = store.flyway().target("1").load();
        v1.migrate();
        try (Connection c = v1.getConfiguration().getDataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO artifact (sha256, kind, bytes) VALUES ('" + "a".repeat(64) + "', 'samples', 20)");
            st.executeUpdate("INSERT INTO artifact_location (sha256, path) VALUES ('" + "a".repeat(64) + "', '/data/samples.h5')");
        }
        for (boolean forWriting : new boolean[] {true, false}) {
            ProvenanceStore.StoreOutdatedException e = assertThrows(ProvenanceStore.StoreOutdatedException.class, () -> store.open(forWriting));
            assertTrue(e.getMessage().endsWith("has schema version 1, older than this emuflow's (3); upgrade it with: emuflow db upgrade --db "
                    + store.db()), e.getMessage());
        }
        assertEquals(List.of("1", "3"), List.of(ProvenanceStore.upgrade(store.target(), store.credentials())));
        assertEquals(List.of("3", "3"), List.of(ProvenanceStore.upgrade(store.target(), store.credentials())));
        try (ProvenanceStore s = store.open(false)) {
            assertEquals(List.of("1", "2", "3"), history(s));
            // V3 gave every location an outdir; a V1 location keeps its absolute path with outdir ''
            assertEquals(List.of(" | /data/samples.h5 | " + "a".repeat(64)), Db.rows(s.connection(), "SELECT outdir, path, sha256 FROM artifact_location"));
            assertEquals(List.of("/data/samples.h5"), Db.rows(s.connection(), "SELECT path FROM artifact_place"));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreTarget.Engine.class)
    void aNewerStoreIsRefusedAndAnEmptyOneIsCreatedOnlyByAWriter(StoreTarget.Engine engine) throws Exception {
        Store future = fresh(engine, "future");
        future.flyway("classpath:db/future").load().migrate();
        for (boolean forWriting : new boolean[] {true, false}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> future.open(forWriting));
            assertTrue(e.getMessage().contains("has schema version 99, newer than this emuflow knows (3); use a newer emuflow"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProvenanceStore.upgrade(future.target(), future.credentials()));
        assertTrue(e.getMessage().contains("newer than this emuflow knows"), e.getMessage());

        Store empty = fresh(engine, "empty");
        if (engine == StoreTarget.Engine.POSTGRESQL) {
            IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> empty.open(false));
            assertEquals("provenance database " + empty.db() + " is empty: no run has been recorded into it", none.getMessage());
        }
        try (ProvenanceStore s = empty.open(true)) {
            assertEquals(List.of("1", "2", "3"), history(s));
        }
    }

    // ---- bad input on the PostgreSQL side: one line naming the problem, never a stack trace or the password

    @Test
    void aWrongPasswordAnUnknownDatabaseAndAnUnreachableServerEachGetOneLine() throws Exception {
        String url = PG.newDatabase();
        StoreTarget target = StoreTarget.parse(url);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> ProvenanceStore.open(target, new Credentials(PostgresServer.USER, "not-the-password"), true));
        assertEquals("PostgreSQL at 127.0.0.1:" + PG.port() + " refused the credentials (password authentication failed for user \""
                + PostgresServer.USER + "\"); they come from EMUFLOW_DB_USER/EMUFLOW_DB_PASSWORD or ~/.pgpass", wrong.getMessage());

        StoreTarget missing = StoreTarget.parse("jdbc:postgresql://127.0.0.1:" + PG.port() + "/no_such_db");
        IllegalArgumentException noDb = assertThrows(IllegalArgumentException.class,
                () -> ProvenanceStore.open(missing, PostgresServer.credentials(), true));
        assertTrue(noDb.getMessage().startsWith("PostgreSQL at 127.0.0.1:" + PG.port() + " has no database 'no_such_db'"), noDb.getMessage());

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        IllegalStateException down = assertThrows(IllegalStateException.class, () -> ProvenanceStore.open(
                StoreTarget.parse("jdbc:postgresql://127.0.0.1:" + closed + "/emuflow"), PostgresServer.credentials(), false));
        assertTrue(down.getMessage().startsWith("cannot reach the PostgreSQL server at 127.0.0.1:" + closed), down.getMessage());
        assertTrue(System.nanoTime() - t0 < 3L * ProvenanceStore.CONNECT_TIMEOUT_S * 1_000_000_000L, "gave up too slowly");
    }

    record Result(int exit, String out, String err) {}

    private static Result emuflow(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            return new Result(EmuflowCommand.execute(args), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static void assertOneLine(Result r, String expected) {
        assertTrue(r.exit() != 0, "exit 0: " + r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void badUrlsAreRefusedWithOneLineBeforeAnyConnection() {
        assertOneLine(emuflow("audit", "run", "x", "--db", "jdbc:postgresql:/127.0.0.1/emuflow"),
                "is not a valid PostgreSQL JDBC URL: expected jdbc:postgresql://host[:port]/database");
        assertOneLine(emuflow("audit", "run", "x", "--db", "jdbc:postgresql://127.0.0.1:99999/emuflow"), "port 99999 is out of range");
        assertOneLine(emuflow("audit", "run", "x", "--db", "jdbc:mysql://127.0.0.1/emuflow"), "only jdbc:postgresql://host:port/database URLs");
        Result secret = emuflow("export", "run", "x", "--format", "prov-json", "--db", "jdbc:postgresql://db.example:5432/emuflow?user=me&password=hunter2");
        assertOneLine(secret, "a password in the URL is not allowed");
        assertFalse(secret.err().contains("hunter2"), secret.err());
        Result userinfo = emuflow("db", "upgrade", "--db", "jdbc:postgresql://me:hunter2@db.example/emuflow");
        assertOneLine(userinfo, "user or password in the URL is not allowed");
        assertFalse(userinfo.err().contains("hunter2"), userinfo.err());
    }

    @Test
    void theCommandsReachPostgresWithThePgpassFileAndUpgradeIsExplicit() throws Exception {
        String url = PG.newDatabase();
        Chain chain = Chain.data(dir, 42).model("mlp", 64, 0.012);
        Path home = Files.createDirectories(dir.resolve("home"));
        // hostname:port:database:username:password, with the ':' and '\' of the password escaped
        Files.writeString(home.resolve(".pgpass"), "# test server\nother.host:*:*:*:wrong\n127.0.0.1:" + PG.port() + ":*:"
                + PostgresServer.USER + ":" + PostgresServer.PASSWORD.replace("\\", "\\\\").replace(":", "\\:") + "\n");
        Files.setPosixFilePermissions(home.resolve(".pgpass"), PosixFilePermissions.fromString("rw-------"));
        String home0 = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            String db = url + "?user=" + PostgresServer.USER;
            Result upgrade = emuflow("db", "upgrade", "--db", db);
            assertEquals(0, upgrade.exit(), upgrade.err());
            assertEquals("provenance database " + db + ": schema version none -> 3", upgrade.out().strip());
            List<String> args = new ArrayList<>(List.of("record", "--db", db, "--run-name", "happy_turing"));
            chain.sidecars.forEach(s -> args.add(s.toString()));
            Result record = emuflow(args.toArray(String[]::new));
            assertEquals(0, record.exit(), record.err());
            Result audit = emuflow("audit", "model", "mlp", "--db", db);
            assertEquals(0, audit.exit(), audit.err());
            assertTrue(audit.out().startsWith("model mlp  sha256 " + Hashing.sha256(chain.model)), audit.out());
            assertTrue(audit.out().contains("sampling: seed 42"), audit.out());
        } finally {
            System.setProperty("user.home", home0);
        }
    }
}
