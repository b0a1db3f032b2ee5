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
