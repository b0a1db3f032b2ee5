package io.emuflow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.provenance.Credentials;
import io.emuflow.provenance.PostgresServer;
import io.emuflow.provenance.ProvenanceStore;
import io.emuflow.provenance.Sql;
import io.emuflow.provenance.StoreTarget;
import io.emuflow.provenance.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A group's store (issue 26): four `-profile test` runs of pk-emulator with the same seed, in four launch folders, record
 * into one PostgreSQL store at the same time (their datasets are the same artifacts, so their recorders race for the
 * same rows). Each then records again, from Nextflow's cache, into an H2 store of its own; the group store holds the
 * union of the four (executions and artifacts by sha256, once each), every run's links, and intact hash chains.
 */
class GroupStoreIT {
    @RegisterExtension
    static final PostgresServer PG = new PostgresServer();
    static final Path BASE = PipelineIT.ROOT.resolve("pipeline-tools/target/group-store-it");
    static final int RUNS = 4;

    @Test
    void fourRunsRecordIntoOneServerAtOnceAndLoseNothing() throws Exception {
        PG.assumeAvailable();
        String url = PG.newDatabase();
        PipelineIT.deleteRecursively(BASE);
        List<Process> running = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            Path launch = Files.createDirectories(BASE.resolve("run" + i));
            running.add(nextflow(launch, "--provenance_db", url).start());
        }
        for (int i = 0; i < RUNS; i++) {
            Process p = running.get(i);
            Path console = BASE.resolve("run" + i + "/console.log");
            assertTrue(p.waitFor(1500, TimeUnit.SECONDS), "run " + i + " did not finish");
            assertEquals(0, p.exitValue(), () -> "run failed:\n" + read(console));
        }
        // each run again into its own H2 store: every task from the cache, RECORD anew
        for (int i = 0; i < RUNS; i++) {
            Path launch = BASE.resolve("run" + i);
            Process p = nextflow(launch, "-resume", "--provenance_db", launch.resolve("own/emuflow").toString()).start();
            assertTrue(p.waitFor(900, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), () -> read(launch.resolve("console.log")));
        }
        TreeSet<String> executions = new TreeSet<>();
        TreeSet<String> artifacts = new TreeSet<>();
        List<Integer> ownLinks = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            try (ProvenanceStore own = ProvenanceStore.open(BASE.resolve("run" + i + "/own/emuflow"), false)) {
                Sql.rows(own.connection(), "SELECT sidecar_sha256 FROM step_execution").forEach(r -> executions.add((String) r.get("SIDECAR_SHA256")));
                Sql.rows(own.connection(), "SELECT sha256 FROM artifact").forEach(r -> artifacts.add((String) r.get("SHA256")));
                ownLinks.add(((Number) Sql.rows(own.connection(), "SELECT COUNT(*) AS n FROM run_step").get(0).get("N")).intValue());
            }
        }
        try (ProvenanceStore group = ProvenanceStore.open(StoreTarget.parse(url), new Credentials(PostgresServer.USER, PostgresServer.PASSWORD), false)) {
            List<Map<String, Object>> runs = Sql.rows(group.connection(),
                    "SELECT r.run_name, COUNT(l.execution_id) AS links FROM run r JOIN run_step l ON l.run_id = r.id GROUP BY r.run_name ORDER BY r.run_name");
            assertEquals(RUNS, runs.size(), runs.toString());
            List<Integer> groupLinks = runs.stream().map(r -> ((Number) r.get("LINKS")).intValue()).sorted().toList();
            assertEquals(ownLinks.stream().sorted().toList(), groupLinks, "each run's links in the group store and in its own");
            TreeSet<String> groupExecutions = new TreeSet<>();
            Sql.rows(group.connection(), "SELECT sidecar_sha256 FROM step_execution").forEach(r -> groupExecutions.add(((String) r.get("SIDECAR_SHA256")).strip()));
            TreeSet<String> groupArtifacts = new TreeSet<>();
            Sql.rows(group.connection(), "SELECT sha256 FROM artifact").forEach(r -> groupArtifacts.add(((String) r.get("SHA256")).strip()));
            assertEquals(executions, groupExecutions, "the group store holds exactly the four runs' executions, once each");
            assertEquals(artifacts, groupArtifacts, "the group store holds exactly the four runs' artifacts, once each");
            var records = new Verifier(group).verifyRecords();
            assertTrue(records.path("altered").isEmpty() && records.path("chain").isEmpty(), records.toPrettyString());
            System.out.printf("[group-store-it] %d runs at once: %d executions, %d artifacts, links per run %s%n", RUNS, groupExecutions.size(),
                    groupArtifacts.size(), groupLinks);
        }
    }

    private static ProcessBuilder nextflow(Path launch, String... extra) {
        List<String> command = new ArrayList<>(List.of(PipelineIT.ROOT.resolve("nextflow").toString(), "run", PipelineIT.ROOT.resolve("main.nf").toString(),
                "-profile", "test", "--study", "pk-emulator", "--outdir", "results", "-work-dir", "work"));
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command).directory(launch.toFile()).redirectErrorStream(true)
                .redirectOutput(launch.resolve("console.log").toFile());
        pb.environment().put("EMUFLOW_SKIP_BUILD", "true");
        pb.environment().put("NXF_ANSI_LOG", "false");
        pb.environment().put("EMUFLOW_DB_USER", PostgresServer.USER);
        pb.environment().put("EMUFLOW_DB_PASSWORD", PostgresServer.PASSWORD);
        return pb;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return "(no " + file + ")";
        }
    }
}
