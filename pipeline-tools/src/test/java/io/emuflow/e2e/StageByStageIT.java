package io.emuflow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The stage contract (docs/orchestration.md), run the way Airflow would run it: `emuflow airflow-dag` writes the
 * DAG for pk-emulator on -profile test, its bash commands (read from the file with Python's ast, templates rendered
 * with the DAG params' defaults) run in the DAG's order in a fresh launch directory, and every published file must
 * equal that of one full `nextflow run` (sha256). Files that legitimately differ between two runs are compared
 * without their volatile parts (see {@link #VOLATILE}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StageByStageIT {
    static final Path ROOT = PipelineIT.ROOT;
    static final Path BASE = ROOT.resolve("pipeline-tools/target/stage-it");
    static final Path FULL = BASE.resolve("full");
    static final Path RUNS = BASE.resolve("runs");
    static final String RUN_ID = "manual__2024-01-01T00:00:00+00:00";
    static final String STUDY = "pk-emulator";
    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Keys of a step's sidecar that differ between any two runs: wall-clock times, the host, Nextflow's session,
     * task name, hash and work directory (the session id is part of every task script, so of the task hash).
     */
    static final Set<String> VOLATILE = Set.of("started_utc", "ended_utc", "host", "session_id", "task_name", "task_hash",
            "work_dir", "hostname", "pid", "user", "duration_s", "wall_s", "elapsed_s",
            // measured wall-clock times inside outputs: a trial's date and training seconds, compare's timings, the
            // sampler's seconds (also quoted in the posterior's message)
            "date", "seconds", "batch_ms", "single_call_us", "message");
    /**
     * Outputs that carry measured wall-clock times (the keys above), so their bytes differ between any two runs: JSON
     * ones are compared without those keys, Markdown and text ones (renderings of the JSON) with digits masked, and
     * their sha256 and size are left out where a sidecar or the store names them.
     */
    static final Pattern TIMED = Pattern.compile(
            "(.*\\.trial\\.json|.*\\.fine_tune\\.json|search_log\\..*|fine_tune_log\\..*|compare\\.(json|md)|posterior\\.json)");
    static PipelineIT.Proc full;
    static List<String> taskOrder = new ArrayList<>();
    static Map<String, PipelineIT.Proc> staged = new TreeMap<>();
    static Path stagedLaunch;

    @BeforeAll
    static void fullRunThenStageByStage() throws Exception {
        PipelineIT.deleteRecursively(BASE);
        Files.createDirectories(FULL);
        Files.createDirectories(RUNS);
        long start = System.nanoTime();
        full = PipelineIT.Proc.run(FULL, 1500, ROOT.resolve("nextflow").toString(), "run", ROOT.resolve("main.nf").toString(),
                "-profile", "test", "--study", STUDY, "--outdir", "results", "-work-dir", "work");
        System.out.printf("[stage-it] full run: exit %d in %.1f s%n", full.exit(), (System.nanoTime() - start) / 1e9);
        assertEquals(0, full.exit(), () -> "full run failed:\n" + full.output());

        Path dag = BASE.resolve("emuflow_pk_emulator.py");
        PipelineIT.Proc gen = PipelineIT.Proc.run(BASE, 120, ROOT.resolve("bin/emuflow").toString(), "airflow-dag", "--study", STUDY,
                "--profile", "test", "--runs-dir", RUNS.toString(), "--out", dag.toString());
        assertEquals(0, gen.exit(), gen::output);
        PipelineIT.Proc tasks = PipelineIT.Proc.run(BASE, 60, "python3",
                ROOT.resolve("pipeline-tools/src/test/resources/airflow/dag_tasks.py").toString(), dag.toString(), "tasks", RUN_ID);
        assertEquals(0, tasks.exit(), tasks::output);
        for (JsonNode task : JSON.readTree(tasks.output())) {
            String id = task.get("task_id").asText();
            Map<String, String> env = new HashMap<>();
            task.get("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            start = System.nanoTime();
            PipelineIT.Proc p = PipelineIT.Proc.run(BASE, 1500, env, "bash", "-c", task.get("command").asText());
            System.out.printf("[stage-it] task %s: exit %d in %.1f s%n", id, p.exit(), (System.nanoTime() - start) / 1e9);
            taskOrder.add(id);
            staged.put(id, p);
            assertEquals(0, p.exit(), () -> "task " + id + " failed:\n" + p.output());
        }
        stagedLaunch = RUNS.resolve(RUN_ID.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    @Test
    @Order(1)
    void tasksRanInTheStageOrderAndEndedWithTheAudit() {
        assertEquals(List.of("sample", "simulate", "merge", "clean", "split", "train", "evaluate", "infer", "audit_verify"), taskOrder);
        // each stage call says it stops there, and reuses what the call before it ran (Nextflow's cache)
        assertTrue(staged.get("train").output().contains("--stop_after train"), staged.get("train").output());
        assertTrue(staged.get("evaluate").output().contains("Cached process"), () -> "evaluate reused nothing:\n" + staged.get("evaluate").output());
    }

    @Test
    @Order(2)
    void everyPublishedFileEqualsThatOfTheFullRun() throws Exception {
        Path a = FULL.resolve("results").resolve(STUDY);
        Path b = stagedLaunch.resolve("results").resolve(STUDY);
        Map<String, Path> filesA = files(a);
        Map<String, Path> filesB = files(b);
        assertEquals(filesA.keySet(), filesB.keySet(), "the stage-by-stage run published other files than the full run");
        List<String> differ = new ArrayList<>();
        int sidecars = 0;
        for (String rel : filesA.keySet()) {
            if (rel.endsWith(".prov.json") || (timed(rel) && rel.endsWith(".json"))) {
                sidecars++;
                if (!stable(filesA.get(rel)).equals(stable(filesB.get(rel)))) {
                    differ.add(rel + " (beyond its volatile keys)");
                }
            } else if (timed(rel)) {
                if (!masked(filesA.get(rel)).equals(masked(filesB.get(rel)))) {
                    differ.add(rel + " (beyond its digits)");
                }
            } else if (!ResumeIT.sha256(Files.readAllBytes(filesA.get(rel))).equals(ResumeIT.sha256(Files.readAllBytes(filesB.get(rel))))) {
                differ.add(rel);
            }
        }
        System.out.printf("[stage-it] compared %d published files (%d sidecars without their volatile keys)%n", filesA.size(), sidecars);
        assertTrue(filesA.size() > 20, "too few published files: " + filesA.keySet());
        assertTrue(differ.isEmpty(), "differ between the full and the stage-by-stage run: " + differ);
    }

    @Test
    @Order(3)
    void theProvenanceStoreGivesTheSameLineageForEveryModel() throws Exception {
        for (String model : List.of("mlp", "mlp-search")) {
            Map<String, Set<String>> a = lineage(FULL.resolve("results"), model);
            Map<String, Set<String>> b = lineage(stagedLaunch.resolve("results"), model);
            assertTrue(a.size() >= 5, "audit model " + model + " names too few artifacts: " + a);
            assertEquals(a, b, "audit model " + model + ": the lineage (path -> sha256) differs");
        }
    }

    /**
     * Airflow's retry after a worker died: the simulate stage of a second DAG run is SIGKILLed (Nextflow and its tasks)
     * a moment after its first chunk finished, then run again; the chunks that finished are taken from Nextflow's cache
     * and only the unfinished ones run again.
     */
    @Test
    @Order(4)
    void aStageKilledMidwayRunsOnlyItsUnfinishedTasksAgain() throws Exception {
        String runId = "manual__2024-01-02T00:00:00+00:00";
        Map<String, JsonNode> tasks = new HashMap<>();
        PipelineIT.Proc listed = PipelineIT.Proc.run(BASE, 60, "python3",
                ROOT.resolve("pipeline-tools/src/test/resources/airflow/dag_tasks.py").toString(), BASE.resolve("emuflow_pk_emulator.py").toString(),
                "tasks", runId);
        assertEquals(0, listed.exit(), listed::output);
        JSON.readTree(listed.output()).forEach(t -> tasks.put(t.get("task_id").asText(), t));
        Path launch = RUNS.resolve(runId.replaceAll("[^A-Za-z0-9._-]", "_"));
        PipelineIT.Proc sample = runTask(tasks.get("sample"));
        assertEquals(0, sample.exit(), sample::output);

        ProcessBuilder pb = new ProcessBuilder("bash", "-c", tasks.get("simulate").get("command").asText()).directory(BASE.toFile())
                .redirectErrorStream(true).redirectOutput(BASE.resolve("killed-simulate.log").toFile());
        pb.environment().putAll(env(tasks.get("simulate")));
        pb.environment().put("EMUFLOW_SKIP_BUILD", "true");
        Process p = pb.start();
        Path log = launch.resolve(".nextflow.log");
        long deadline = System.nanoTime() + 600_000_000_000L;
        Pattern completed = Pattern.compile("Task completed > TaskHandler\\[[^\\]]*SIMULATE[^\\]]*status: COMPLETED; exit: 0");
        while (p.isAlive() && System.nanoTime() < deadline
                && !(Files.exists(log) && completed.matcher(Files.readString(log)).find())) {
            Thread.sleep(100);
        }
        assertTrue(p.isAlive(), "the simulate stage ended before it could be killed mid-way:\n" + Files.readString(BASE.resolve("killed-simulate.log")));
        Thread.sleep(1500); // Nextflow writes a finished task to its cache asynchronously
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor();
        int total = (int) full.output().lines().filter(l -> l.matches(".*Submitted process > .*SIMULATE.*")).count();

        PipelineIT.Proc again = runTask(tasks.get("simulate"));
        assertEquals(0, again.exit(), again::output);
        List<String> cached = again.output().lines().filter(l -> l.matches(".*Cached process > .*SIMULATE.*")).toList();
        List<String> ran = again.output().lines().filter(l -> l.matches(".*Submitted process > .*SIMULATE.*")).toList();
        System.out.printf("[stage-it] simulate killed mid-way: %d of %d chunks taken from the cache, %d ran again%n", cached.size(), total, ran.size());
        assertTrue(total >= 2, "the test profile has too few chunks to kill mid-way: " + total);
        assertEquals(total, cached.size() + ran.size(), again::output);
        assertTrue(cached.size() >= 1, "no finished chunk was kept:\n" + again.output());
        assertTrue(ran.size() >= 1, "no chunk was left unfinished by the kill:\n" + again.output());
        // the chunks that ran again are the ones that had not finished: none of them had a completed task directory
        for (String line : cached) {
            String hash = line.substring(line.indexOf('[') + 1, line.indexOf(']'));
            try (Stream<Path> dirs = Files.list(launch.resolve("work").resolve(hash.substring(0, 2)))) {
                assertTrue(dirs.anyMatch(d -> d.getFileName().toString().startsWith(hash.substring(3))
                        && Files.exists(d.resolve(".exitcode"))), "cached task " + hash + " has no finished directory");
            }
        }
    }

    private static Map<String, String> env(JsonNode task) {
        Map<String, String> env = new HashMap<>();
        task.get("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    private static PipelineIT.Proc runTask(JsonNode task) throws Exception {
        return PipelineIT.Proc.run(BASE, 1500, env(task), "bash", "-c", task.get("command").asText());
    }

    /**
     * Every artifact that `audit model --json` names (the model, its data, its parents) as path -> sha256. Files with
     * measured times (trial records, search logs; published or only in the work directory) differ by their times
     * only, so they are named without their hash; the work directory part of a path is dropped.
     */
    static Map<String, Set<String>> lineage(Path results, String model) throws Exception {
        PipelineIT.Proc p = PipelineIT.Proc.run(BASE, 300, ROOT.resolve("bin/emuflow").toString(), "audit", "model", model,
                "--db", results.resolve("provenance/emuflow").toString(), "--json");
        assertEquals(0, p.exit(), p::output);
        String out = p.output();
        Map<String, Set<String>> byPath = new TreeMap<>();
        collect(JSON.readTree(out.substring(out.indexOf('{'))), byPath);
        return byPath;
    }

    static void collect(JsonNode node, Map<String, Set<String>> byPath) {
        if (node instanceof ObjectNode o && o.hasNonNull("sha256") && o.get("sha256").asText().matches("[0-9a-f]{64}")) {
            String path = o.hasNonNull("path") ? o.get("path").asText() : "(model)";
            String name = Path.of(path).getFileName() == null ? path : Path.of(path).getFileName().toString();
            String key = o.path("role").asText() + ":" + name;
            byPath.computeIfAbsent(key, k -> new TreeSet<>()).add(timed(name) ? "(timed)" : o.get("sha256").asText());
        }
        node.forEach(child -> collect(child, byPath));
    }

    /** A sidecar without the keys that differ between any two runs. */
    static JsonNode stable(Path sidecar) throws Exception {
        JsonNode node = JSON.readTree(sidecar.toFile());
        strip(node);
        return node;
    }

    static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(VOLATILE);
            if (o.has("path") && timed(Path.of(o.get("path").asText()).getFileName().toString())) {
                o.remove(List.of("sha256", "bytes"));
            }
        }
        node.forEach(StageByStageIT::strip);
    }

    static boolean timed(String relativePath) {
        return TIMED.matcher(Path.of(relativePath).getFileName().toString()).matches();
    }

    /** A rendering of timed JSON with every digit masked. */
    static String masked(Path file) throws Exception {
        return Files.readString(file).replaceAll("[0-9][0-9.]*", "#");
    }

    /** Published files by relative path; the run's report.html is rebuilt by every RECORD from the store (run names, times). */
    static Map<String, Path> files(Path dir) throws Exception {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(p -> out.put(dir.relativize(p).toString(), p));
        }
        return out;
    }
}
