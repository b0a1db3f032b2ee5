package io.emuflow.provenance;

import static io.emuflow.testing.Cli.emuflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emuflow.testing.Cli.Result;
import io.emuflow.testing.Cli;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
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
            assertEquals(List.of("1", "2", "3", "4"), history(s));
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
            assertTrue(e.getMessage().endsWith("has schema version 1, older than this emuflow's (4); upgrade it with: emuflow db upgrade --db "
                    + store.db()), e.getMessage());
        }
        assertEquals(List.of("1", "4"), List.of(ProvenanceStore.upgrade(store.target(), store.credentials())));
        assertEquals(List.of("4", "4"), List.of(ProvenanceStore.upgrade(store.target(), store.credentials())));
        try (ProvenanceStore s = store.open(false)) {
            assertEquals(List.of("1", "2", "3", "4"), history(s));
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
            assertTrue(e.getMessage().contains("has schema version 99, newer than this emuflow knows (4); use a newer emuflow"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProvenanceStore.upgrade(future.target(), future.credentials()));
        assertTrue(e.getMessage().contains("newer than this emuflow knows"), e.getMessage());

        Store empty = fresh(engine, "empty");
        if (engine == StoreTarget.Engine.POSTGRESQL) {
            IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> empty.open(false));
            assertEquals("provenance database " + empty.db() + " is empty: no run has been recorded into it", none.getMessage());
        }
        try (ProvenanceStore s = empty.open(true)) {
            assertEquals(List.of("1", "2", "3", "4"), history(s));
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
            assertEquals("provenance database " + db + ": schema version none -> 4", upgrade.out().strip());
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

    /** A store on the engine holding one recorded chain (run "run_t"), for the tamper tests. */
    private Store recorded(StoreTarget.Engine engine, String name) throws Exception {
        Store store = fresh(engine, name);
        Chain chain = Chain.data(dir.resolve(name + "-chain"), 11).model("mlp", 16, 0.02);
        try (ProvenanceStore s = store.open(true)) {
            Recorder r = new Recorder(s, new RunInfo("run_t", "s-t", null, "24.10.0", "1111111"));
            chain.sidecars.forEach(r::ingest);
        }
        return store;
    }

    private static JsonNode records(Store store) {
        try (ProvenanceStore s = store.open(false)) {
            return new Verifier(s).verifyRecords();
        }
    }

    private static void sql(Store store, String... statements) throws Exception {
        try (ProvenanceStore s = store.open(true); Statement st = s.connection().createStatement()) {
            s.connection().setAutoCommit(true);
            for (String statement : statements) {
                st.executeUpdate(statement);
            }
        }
    }

    private static long execution(Store store, String step) {
        try (ProvenanceStore s = store.open(false)) {
            return Long.parseLong(Db.rows(s.connection(), "SELECT MIN(id) FROM step_execution WHERE step = '" + step + "'").get(0));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreTarget.Engine.class)
    void verifyNamesARecordWhoseColumnsWereChangedInSql(StoreTarget.Engine engine) throws Exception {
        Store store = recorded(engine, "alter");
        JsonNode clean = records(store);
        assertTrue(clean.path("altered").isEmpty() && clean.path("chain").isEmpty(), clean.toPrettyString());
        assertEquals(1, clean.path("runs").asInt());
        assertTrue(clean.path("checked").asInt() >= 8, clean.toPrettyString());
        long split = execution(store, "split");
        sql(store, "UPDATE step_execution SET seed = 99 WHERE id = " + split);
        JsonNode one = records(store);
        assertEquals(1, one.path("altered").size(), one.toPrettyString());
        assertEquals(split, one.path("altered").get(0).path("execution").asLong());
        assertEquals("split", one.path("altered").get(0).path("step").asText());
        // a row the record owns (a metric of the evaluation) is caught too, and named by its owner
        long evaluate = execution(store, "evaluate");
        sql(store, "UPDATE metric SET metric_value = metric_value / 2 WHERE execution_id = " + evaluate);
        JsonNode two = records(store);
        assertEquals(List.of(split, evaluate), List.of(two.path("altered").get(0).path("execution").asLong(),
                two.path("altered").get(1).path("execution").asLong()), two.toPrettyString());
        // and the command says so, in one line per problem, with exit 1 (the H2 store: the CLI's PostgreSQL
        // credentials come from the environment, tested above)
        if (engine != StoreTarget.Engine.H2) {
            return;
        }
        Result r = emuflow("audit", "verify", "--db", store.db());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("TAMPERED") && r.out().contains("altered record: execution " + split + " (split"), r.out());
    }

    @ParameterizedTest
    @EnumSource(StoreTarget.Engine.class)
    void verifyNamesTheRecordDeletedFromARunsChain(StoreTarget.Engine engine) throws Exception {
        Store store = recorded(engine, "delete");
        long clean = execution(store, "clean");
        String seq;
        try (ProvenanceStore s = store.open(false)) {
            seq = Db.rows(s.connection(), "SELECT seq FROM run_step WHERE execution_id = " + clean).get(0);
        }
        // the whole execution goes, with every row that refers to it (what a careful hand would delete)
        sql(store, "DELETE FROM run_step WHERE execution_id = " + clean, "DELETE FROM step_input WHERE execution_id = " + clean,
                "DELETE FROM step_output WHERE execution_id = " + clean, "DELETE FROM step_execution WHERE id = " + clean);
        JsonNode after = records(store);
        assertTrue(after.path("altered").isEmpty(), "no remaining record changed: " + after.toPrettyString());
        assertEquals(1, after.path("chain").size(), after.toPrettyString());
        String problem = after.path("chain").get(0).path("problem").asText();
        assertTrue(problem.startsWith("record " + seq + " of the chain is missing") && problem.endsWith("deleted"), problem);
    }

    @ParameterizedTest
    @EnumSource(StoreTarget.Engine.class)
    void verifyCatchesAnInsertedLinkAndAChangedRunRow(StoreTarget.Engine engine) throws Exception {
        Store store = recorded(engine, "insert");
        long runId;
        try (ProvenanceStore s = store.open(false)) {
            runId = Long.parseLong(Db.rows(s.connection(), "SELECT id FROM run WHERE run_name = 'run_t'").get(0));
        }
        // a record moved to a position another record holds (as a row inserted by hand would)
        sql(store, "UPDATE run_step SET seq = 1 WHERE run_id = " + runId + " AND seq = 2");
        JsonNode inserted = records(store);
        assertTrue(inserted.path("chain").get(0).path("problem").asText().contains("a record was inserted"), inserted.toPrettyString());
        Store other = recorded(engine, "runrow");
        sql(other, "UPDATE run SET pipeline_commit = 'deadbee' WHERE run_name = 'run_t'");
        JsonNode changed = records(other);
        assertTrue(changed.path("chain").get(0).path("problem").asText().startsWith("the run's own row changed"), changed.toPrettyString());
    }

    @Test
    void fourRunsRecordingAtOnceIntoOnePostgresStoreLoseNothing() throws Exception {
        PG.assumeAvailable();
        // four runs of the same study with the same data seed: their datasets are the same artifacts (shared rows),
        // their steps different executions
        List<Chain> chains = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            chains.add(Chain.data(dir.resolve("run" + i), 42).model("mlp", 16, 0.01 * (i + 1)));
        }
        Store shared = fresh(StoreTarget.Engine.POSTGRESQL, "shared");
        try (ProvenanceStore s = shared.open(true)) {
            assertEquals(List.of("1", "2", "3", "4"), history(s));
        }
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Chain chain = chains.get(i);
            String run = "run_" + i;
            threads.add(new Thread(() -> {
                try (ProvenanceStore s = shared.open(true)) {
                    Recorder r = new Recorder(s, new RunInfo(run, "s-" + run, null, "24.10.0", "1111111"));
                    start.await();
                    chain.sidecars.forEach(r::ingest);
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread t : threads) {
            t.join(120_000);
        }
        assertTrue(failures.isEmpty(), "a recorder failed: " + failures);
        // the same four runs recorded one after the other into H2
        Store alone = fresh(StoreTarget.Engine.H2, "alone");
        try (ProvenanceStore s = alone.open(true)) {
            for (int i = 0; i < 4; i++) {
                Recorder r = new Recorder(s, new RunInfo("run_" + i, "s-run_" + i, null, "24.10.0", "1111111"));
                chains.get(i).sidecars.forEach(r::ingest);
            }
        }
        String counts = "SELECT (SELECT COUNT(*) FROM run) || ' ' || (SELECT COUNT(*) FROM step_execution) || ' ' || "
                + "(SELECT COUNT(*) FROM artifact) || ' ' || (SELECT COUNT(*) FROM run_step) || ' ' || (SELECT COUNT(*) FROM metric)";
        try (ProvenanceStore pg = shared.open(false); ProvenanceStore h2 = alone.open(false)) {
            assertEquals(Db.rows(h2.connection(), counts), Db.rows(pg.connection(), counts));
            JsonNode records = new Verifier(pg).verifyRecords();
            assertTrue(records.path("altered").isEmpty() && records.path("chain").isEmpty(), records.toPrettyString());
            assertEquals(4, records.path("runs").asInt());
            for (int i = 0; i < 4; i++) {
                assertEquals(List.of(String.valueOf(chains.get(i).sidecars.size())),
                        Db.rows(pg.connection(), "SELECT COUNT(*) FROM run_step l JOIN run r ON r.id = l.run_id WHERE r.run_name = 'run_" + i + "'"));
            }
        }
    }

    @Test
    void recordWaitsOutAServerThatWentAwayAndThenGivesUpWithOneLine() throws Exception {
        String url = PG.newDatabase();
        Chain chain = Chain.data(dir, 42).model("mlp", 16, 0.01);
        Path home = Files.createDirectories(dir.resolve("home-outage"));
        Files.writeString(home.resolve(".pgpass"), "127.0.0.1:" + PG.port() + ":*:" + PostgresServer.USER + ":"
                + PostgresServer.PASSWORD.replace("\\", "\\\\").replace(":", "\\:") + "\n");
        Files.setPosixFilePermissions(home.resolve(".pgpass"), PosixFilePermissions.fromString("rw-------"));
        String home0 = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        String db = url + "?user=" + PostgresServer.USER;
        List<String> half = chain.sidecars.subList(0, chain.sidecars.size() / 2).stream().map(Path::toString).toList();
        List<String> all = chain.sidecars.stream().map(Path::toString).toList();
        try {
            assertEquals(0, recordCli(db, "outage", "60", half).exit());
            PG.stop();
            try {
                // down for good: a bounded wait, then one line
                Result gaveUp = recordCli(db, "outage", "2", all);
                assertTrue(gaveUp.exit() != 0, gaveUp.err());
                assertTrue(gaveUp.line().startsWith("record: error: cannot reach the PostgreSQL server at 127.0.0.1:" + PG.port()), gaveUp.err());
                assertTrue(gaveUp.line().endsWith("gave up after 2 s with 0 of " + all.size() + " sidecars recorded (run record again: it is idempotent)"),
                        gaveUp.line());
                assertFalse(gaveUp.err().contains("\tat "), gaveUp.err());
                // down for a few seconds while a record starts: it waits, then records everything
                Result[] outcome = new Result[1];
                Thread recorder = new Thread(() -> outcome[0] = recordCli(db, "outage", "60", all));
                recorder.start();
                Thread.sleep(3000);
                PG.start();
                recorder.join(120_000);
                assertEquals(0, outcome[0].exit(), outcome[0].err());
            } finally {
                PG.start();
            }
        } finally {
            System.setProperty("user.home", home0);
        }
        try (ProvenanceStore s = ProvenanceStore.open(StoreTarget.parse(url), PostgresServer.credentials(), false)) {
            assertEquals(List.of(String.valueOf(all.size())), Db.rows(s.connection(), "SELECT COUNT(*) FROM run_step"));
            JsonNode records = new Verifier(s).verifyRecords();
            assertTrue(records.path("altered").isEmpty() && records.path("chain").isEmpty(), records.toPrettyString());
        }
    }

    private static Result recordCli(String db, String run, String retrySeconds, List<String> sidecars) {
        List<String> args = new ArrayList<>(List.of("record", "--db", db, "--run-name", run, "--retry-seconds", retrySeconds));
        args.addAll(sidecars);
        return emuflow(args.toArray(String[]::new));
    }

    @Test
    void theReaderRoleAuditsAndCannotRecordTheWriterRoleRecords() throws Exception {
        String url = PG.newDatabase();
        Chain chain = Chain.data(dir, 42).model("mlp", 16, 0.01);
        StoreTarget target = StoreTarget.parse(url);
        try (ProvenanceStore s = ProvenanceStore.open(target, PostgresServer.credentials(), true)) {
            assertEquals(List.of("1", "2", "3", "4"), history(s)); // the owner creates the schema
        }
        PG.psqlFile(url, Path.of(System.getProperty("emuflow.root", "..")).toAbsolutePath().normalize().resolve("conf/postgresql/roles.sql"));
        PG.psql("CREATE ROLE it_writer LOGIN PASSWORD 'w-pass-1' IN ROLE emuflow_writer");
        PG.psql("CREATE ROLE it_reader LOGIN PASSWORD 'r-pass-1' IN ROLE emuflow_reader");
        Credentials writer = new Credentials("it_writer", "w-pass-1");
        Credentials reader = new Credentials("it_reader", "r-pass-1");
        try (ProvenanceStore s = ProvenanceStore.open(target, writer, true)) {
            Recorder r = new Recorder(s, new RunInfo("roles", "s-r", null, "24.10.0", "1111111"));
            chain.sidecars.forEach(r::ingest);
            // append-only: the writer cannot delete what was recorded
            SQLException denied = assertThrows(SQLException.class, () -> s.connection().createStatement().executeUpdate("DELETE FROM metric"));
            assertEquals("42501", denied.getSQLState());
        }
        try (ProvenanceStore s = ProvenanceStore.open(target, reader, false)) {
            Auditor auditor = new Auditor(s);
            assertEquals(Hashing.sha256(chain.model), auditor.resolveModel("mlp"));
            JsonNode records = new Verifier(s).verifyRecords();
            assertTrue(records.path("altered").isEmpty() && records.path("chain").isEmpty(), records.toPrettyString());
        }
        try (ProvenanceStore s = ProvenanceStore.open(target, reader, true)) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> new Recorder(s, new RunInfo("sneaky", "s-x", null, "24.10.0", "1111111")));
            assertTrue(refused.getMessage().startsWith("PostgreSQL at 127.0.0.1:" + PG.port() + " does not let this user write the store (")
                    && refused.getMessage().endsWith("record needs a login in the emuflow_writer role (conf/postgresql/roles.sql)"), refused.getMessage());
            assertEquals(1, refused.getMessage().lines().count());
        }
    }

    @ParameterizedTest
    @EnumSource(StoreTarget.Engine.class)
    void recordFromCopiesARunsStoreIntoTheGroupStoreOnce(StoreTarget.Engine engine) throws Exception {
        Store local = recorded(StoreTarget.Engine.H2, "local");
        Store group = fresh(engine, "group");
        String counts = "SELECT (SELECT COUNT(*) FROM run) || ' ' || (SELECT COUNT(*) FROM step_execution) || ' ' || "
                + "(SELECT COUNT(*) FROM artifact) || ' ' || (SELECT COUNT(*) FROM run_step) || ' ' || (SELECT COUNT(*) FROM metric) || ' ' || "
                + "(SELECT COUNT(*) FROM model)";
        try (ProvenanceStore from = local.open(false); ProvenanceStore to = group.open(true)) {
            StoreCopy.Outcome first = StoreCopy.copy(from, to);
            assertEquals(1, first.runs());
            assertEquals(0, first.known());
            StoreCopy.Outcome again = StoreCopy.copy(from, to);
            assertEquals(new StoreCopy.Outcome(1, 0, first.fresh()), again, "a second copy adds nothing");
            assertEquals(Db.rows(from.connection(), counts), Db.rows(to.connection(), counts));
            Auditor a = new Auditor(from);
            Auditor b = new Auditor(to);
            assertEquals(a.modelLineage(a.resolveModel("mlp")).findValuesAsText("sha256"), b.modelLineage(b.resolveModel("mlp")).findValuesAsText("sha256"));
            JsonNode records = new Verifier(to).verifyRecords();
            assertTrue(records.path("altered").isEmpty() && records.path("chain").isEmpty(), records.toPrettyString());
        }
        if (engine == StoreTarget.Engine.H2) {
            Result cli = emuflow("record", "--from", local.db(), "--db", group.db());
            assertEquals(0, cli.exit(), cli.err());
            Result both = emuflow("record", "--from", local.db(), "--db", group.db(), "--run-name", "x");
            assertTrue(both.exit() != 0 && both.line().contains("--from copies whole runs"), both.err());
        }
    }
}
