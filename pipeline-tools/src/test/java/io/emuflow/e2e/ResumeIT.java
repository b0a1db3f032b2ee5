package io.emuflow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emuflow.data.DatasetFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Resume after a hard kill: run A is `-profile test --chunk_size 50` uninterrupted; run B is the same run,
 * SIGKILLed (the Nextflow JVM, then the tasks it had started, as when a head node dies) once at least one
 * SIMULATE task has completed and another is running, then started again with -resume. The tasks that had
 * completed must come back CACHED, the run must complete, and its datasets and model must equal run A's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResumeIT {
    static final Path ROOT = PipelineIT.ROOT;
    static final Path BASE = ROOT.resolve("pipeline-tools/target/resume-it");
    static final Path A = BASE.resolve("a");
    static final Path B = BASE.resolve("b");
    static final String STUDY = "pk-emulator";
    static final ObjectMapper JSON = new ObjectMapper();
    static PipelineIT.Proc runA;
    static PipelineIT.Proc resumed;
    static Set<String> completedAtKill = new TreeSet<>();
    static String killReport;

    @BeforeAll
    static void runUninterruptedThenKilledAndResumed() throws Exception {
        PipelineIT.deleteRecursively(BASE);
        Files.createDirectories(A);
        Files.createDirectories(B);
        long start = System.nanoTime();
        runA = PipelineIT.Proc.run(A, 900, command(A));
        System.out.printf("[resume] run A: exit %d in %.1f s%n", runA.exit(), (System.nanoTime() - start) / 1e9);
        assertEquals(0, runA.exit(), () -> "uninterrupted run failed:\n" + runA.output());

        killMidSimulate();
        start = System.nanoTime();
        List<String> again = new ArrayList<>(List.of(command(B)));
        again.add("-resume");
        resumed = PipelineIT.Proc.run(B, 900, again.toArray(String[]::new));
        System.out.printf("[resume] run B -resume: exit %d in %.1f s%n", resumed.exit(), (System.nanoTime() - start) / 1e9);
    }

    static String[] command(Path dir) {
        return new String[] {ROOT.resolve("nextflow").toString(), "run", ROOT.resolve("main.nf").toString(), "-profile", "test",
            "--chunk_size", "50", "--outdir", dir.resolve("results").toString(), "-work-dir", dir.resolve("work").toString()};
    }

    /** Starts run B and SIGKILLs it when a SIMULATE task has completed (trace) and another is running (work dir). */
    static void killMidSimulate() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command(B)).directory(B.toFile()).redirectErrorStream(true)
                .redirectOutput(B.resolve("killed-run.log").toFile());
        pb.environment().put("EMUFLOW_SKIP_BUILD", "true");
        pb.environment().put("NXF_ANSI_LOG", "false");
        Process launcher = pb.start();
        Path trace = B.resolve("results/pipeline_info/execution_trace.txt");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        while (true) {
            if (!launcher.isAlive()) {
                fail("run B ended (exit " + launcher.exitValue() + ") before it could be killed mid-simulate:\n"
                        + Files.readString(B.resolve("killed-run.log")));
            }
            if (System.nanoTime() > deadline) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
                fail("no moment with a completed and a running SIMULATE task within 600 s");
            }
            List<Map<String, String>> rows = Files.exists(trace) ? readTrace(trace) : List.of();
            List<String> done = rows.stream().filter(r -> r.get("process").endsWith(":SIMULATE") && "COMPLETED".equals(r.get("status")))
                    .map(r -> r.get("name")).toList();
            List<Path> running = runningSimulateTasks();
            if (!done.isEmpty() && !running.isEmpty() && done.size() < 8) {
                ProcessHandle nextflow = nextflowJvm(launcher);
                List<ProcessHandle> tasks = launcher.descendants().filter(h -> !h.equals(nextflow)).toList();
                nextflow.destroyForcibly();   // SIGKILL
                nextflow.onExit().get(30, TimeUnit.SECONDS);
                tasks.forEach(ProcessHandle::destroyForcibly);
                for (ProcessHandle t : tasks) {
                    t.onExit().get(30, TimeUnit.SECONDS);
                }
                launcher.waitFor(30, TimeUnit.SECONDS);
                // the trace as it was at the kill: -resume overwrites it
                Files.copy(trace, B.resolve("trace-at-kill.txt"));
                completedAtKill.addAll(readTrace(B.resolve("trace-at-kill.txt")).stream()
                        .filter(r -> "COMPLETED".equals(r.get("status"))).map(r -> r.get("name")).toList());
                killReport = "killed with " + done.size() + " SIMULATE task(s) completed and " + running.size() + " running: " + running;
                System.out.println("[resume] " + killReport);
                return;
            }
            Thread.sleep(50);
        }
    }

    /** The Nextflow JVM: the launcher script execs java, so it is the launcher itself or one of its descendants. */
    static ProcessHandle nextflowJvm(Process launcher) {
        return Stream.concat(Stream.of(launcher.toHandle()), launcher.descendants())
                .filter(h -> h.info().commandLine().orElse("").contains("nextflow.cli.Launcher"))
                .findFirst().orElseThrow(() -> new AssertionError("no Nextflow JVM among the launcher's processes"));
    }

    /** Work directories of SIMULATE tasks that have begun and not yet ended. */
    static List<Path> runningSimulateTasks() throws IOException {
        Path work = B.resolve("work");
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        List<Path> running = new ArrayList<>();
        try (Stream<Path> dirs = Files.find(work, 2, (p, a) -> a.isDirectory() && work.relativize(p).getNameCount() == 2)) {
            for (Path dir : dirs.toList()) {
                Path script = dir.resolve(".command.sh");
                if (Files.exists(dir.resolve(".command.begin")) && !Files.exists(dir.resolve(".exitcode")) && Files.exists(script)
                        && Files.readString(script).contains("emuflow simulate")) {
                    running.add(dir);
                }
            }
        }
        return running;
    }

    @Test
    @Order(1)
    void resumedRunCompletesAndReusesTheTasksThatHadCompleted() throws IOException {
        assertEquals(0, resumed.exit(), () -> "the resumed run failed:\n" + resumed.output());
        List<Map<String, String>> rows = readTrace(B.resolve("results/pipeline_info/execution_trace.txt"));
        long simulate = rows.stream().filter(r -> r.get("process").endsWith(":SIMULATE")).count();
        assertEquals(8, simulate, "400 samples in chunks of 50: 8 SIMULATE tasks");
        List<String> notCached = new ArrayList<>();
        for (String name : completedAtKill) {
            boolean cached = rows.stream().anyMatch(r -> r.get("name").equals(name) && r.get("status").equals("CACHED"));
            if (!cached) {
                notCached.add(name);
            }
        }
        assertTrue(completedAtKill.stream().anyMatch(n -> n.contains(":SIMULATE")), killReport);
        assertTrue(notCached.isEmpty(), "tasks completed before the kill but re-run on -resume: " + notCached + " (" + killReport + ")");
        List<String> bad = rows.stream().filter(r -> !Set.of("COMPLETED", "CACHED").contains(r.get("status")))
                .map(r -> r.get("name") + " " + r.get("status")).toList();
        assertTrue(bad.isEmpty(), "tasks neither completed nor cached: " + bad);
    }

    @Test
    @Order(2)
    void datasetsAreBitIdenticalToThoseOfTheUninterruptedRun() throws Exception {
        List<String> files = new ArrayList<>(List.of("sample/samples.h5", "sample/study.json", "merge/dataset.h5", "clean/clean.h5",
                "clean/clean_report.json", "split/train.h5", "split/validation.h5", "split/test.h5"));
        for (int c = 0; c < 8; c++) {
            files.add("simulate/chunk_" + c + ".h5");
        }
        List<String> differ = new ArrayList<>();
        for (String f : files) {
            byte[] a = Files.readAllBytes(A.resolve("results").resolve(STUDY).resolve(f));
            byte[] b = Files.readAllBytes(B.resolve("results").resolve(STUDY).resolve(f));
            if (!sha256(a).equals(sha256(b))) {
                differ.add(f + " (" + a.length + " vs " + b.length + " bytes)");
            }
        }
        assertTrue(differ.isEmpty(), "differ between the uninterrupted and the resumed run: " + differ);
    }

    @Test
    @Order(3)
    void modelWeightsAreBitIdenticalToThoseOfTheUninterruptedRun() throws Exception {
        Path ma = A.resolve("results").resolve(STUDY).resolve("models/mlp");
        Path mb = B.resolve("results").resolve(STUDY).resolve("models/mlp");
        // the whole bundle: weights, network, scalers, settings and history (no wall-clock time is stored in it)
        for (String f : List.of("params.bin", "network.json", "emulator.json")) {
            assertEquals(sha256(Files.readAllBytes(ma.resolve(f))), sha256(Files.readAllBytes(mb.resolve(f))),
                    "models/mlp/" + f + " differs between the uninterrupted and the resumed run");
        }
        JsonNode metricsA = JSON.readTree(A.resolve("results").resolve(STUDY).resolve("evaluation/mlp/metrics.json").toFile());
        JsonNode metricsB = JSON.readTree(B.resolve("results").resolve(STUDY).resolve("evaluation/mlp/metrics.json").toFile());
        assertEquals(metricsA.get("splits"), metricsB.get("splits"), "the same model must give the same metrics");
    }

    @Test
    @Order(4)
    void nothingPublishedLooksCompleteButIsPartial() throws Exception {
        Path results = B.resolve("results").resolve(STUDY);
        List<Path> all;
        try (Stream<Path> walk = Files.walk(results)) {
            all = walk.filter(Files::isRegularFile).toList();
        }
        List<Path> hidden = all.stream().filter(p -> p.getFileName().toString().startsWith(".")).toList();
        assertTrue(hidden.isEmpty(), "temporary files published: " + hidden);
        int h5 = 0;
        for (Path p : all) {
            if (p.toString().endsWith(".h5") && p.startsWith(results.resolve("inference"))) {
                readEveryDataset(p);   // a chain or a data vector: not a dataset, but whole
            } else if (p.toString().endsWith(".h5")) {
                DatasetFile.read(p);   // throws on a truncated or damaged file
                h5++;
            }
            if (p.toString().endsWith(".json")) {
                JSON.readTree(p.toFile());
            }
        }
        assertEquals(14, h5, "samples, 8 chunks, merged, clean and 3 splits");
        // and every file the provenance store recorded is on disk with the recorded sha256
        PipelineIT.Proc verify = PipelineIT.Proc.run(B, 300, ROOT.resolve("bin/emuflow").toString(), "audit", "verify",
                "--db", B.resolve("results/provenance/emuflow").toString());
        assertEquals(0, verify.exit(), verify::output);
    }

    /** Reads every dataset of an HDF5 file (jhdf throws on a truncated or damaged one). */
    private static void readEveryDataset(Path file) {
        try (io.jhdf.HdfFile hdf = new io.jhdf.HdfFile(file)) {
            java.util.ArrayDeque<io.jhdf.api.Group> groups = new java.util.ArrayDeque<>(List.of(hdf));
            while (!groups.isEmpty()) {
                for (io.jhdf.api.Node node : groups.pop().getChildren().values()) {
                    if (node instanceof io.jhdf.api.Group g) {
                        groups.push(g);
                    } else if (node instanceof io.jhdf.api.Dataset d) {
                        d.getData();
                    }
                }
            }
        }
    }

    // ---- helpers ----

    static List<Map<String, String>> readTrace(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Map<String, String>> rows = new ArrayList<>();
        if (lines.isEmpty()) {
            return rows;
        }
        String[] header = lines.get(0).split("\t");
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t", -1);
            if (cols.length < header.length) {
                continue;   // a line being written
            }
            Map<String, String> row = new java.util.HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cols[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
