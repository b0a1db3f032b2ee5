package io.emuflow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * End to end: the README's first command (`./nextflow run main.nf -profile test`) on the real components,
 * then checks of every step's outputs against independent figures: h5py reads the HDF5 files, the Latin
 * hypercube is checked stratum by stratum, the simulator is re-run outside the pipeline, the metrics are
 * recomputed from `emuflow predict`, the provenance chain is matched against sha256s taken here, and a
 * second run with -resume re-runs nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {
    static final Path ROOT = Path.of(System.getProperty("emuflow.root", "..")).toAbsolutePath().normalize();
    static final Path BASE = ROOT.resolve("pipeline-tools/target/e2e");
    static final Path OUT = BASE.resolve("results");
    static final Path STUDY = OUT.resolve("pk-emulator");
    static final ObjectMapper JSON = new ObjectMapper();
    static Proc firstRun;

    @BeforeAll
    static void runPipeline() throws Exception {
        deleteRecursively(BASE);
        Files.createDirectories(BASE);
        long start = System.nanoTime();
        firstRun = Proc.run(BASE, 900, ROOT.resolve("nextflow").toString(), "run", ROOT.resolve("main.nf").toString(),
                "-profile", "test", "--outdir", OUT.toString(), "-work-dir", BASE.resolve("work").toString());
        System.out.printf("[e2e] -profile test: exit %d in %.1f s%n", firstRun.exit(), (System.nanoTime() - start) / 1e9);
    }

    @Test
    @Order(1)
    void testProfileRunsEndToEnd() throws IOException {
        assertEquals(0, firstRun.exit(), () -> "pipeline failed:\n" + firstRun.output());
        for (String f : List.of("sample/samples.h5", "sample/study.json", "merge/dataset.h5", "clean/clean.h5",
                "clean/clean_report.json", "split/train.h5", "split/validation.h5", "split/test.h5",
                "models/mlp", "models/mlp.prov.json", "models/mlp-search", "search/mlp-search/search_log.md",
                "evaluation/mlp/metrics.json", "evaluation/mlp/history.png",
                "evaluation/mlp/examples.png", "evaluation/mlp/error_bands.png")) {
            assertTrue(Files.exists(STUDY.resolve(f)), "missing output " + f);
        }
        for (String f : List.of("execution_trace.txt", "execution_report.html", "execution_timeline.html")) {
            assertTrue(Files.size(OUT.resolve("pipeline_info").resolve(f)) > 0, "missing report " + f);
        }
        assertTrue(Files.exists(OUT.resolve("provenance/emuflow.mv.db")), "no provenance database");
    }

    @Test
    @Order(2)
    void simulateRanInChunksAsSeparateTasks() throws IOException {
        List<Map<String, String>> trace = trace();
        long chunks = trace.stream().filter(r -> r.get("process").endsWith(":SIMULATE")).count();
        // 400 samples (the study's test size) in chunks of 100 (test.config)
        assertEquals(4, chunks, "one simulate task per chunk");
        assertTrue(trace.stream().allMatch(r -> r.get("status").equals("COMPLETED")), "every task completed");
    }

    @Test
    @Order(2)
    void samplesAreALatinHypercubeReadByH5py() throws Exception {
        // h5py reads the file (interoperability) and checks that each of N strata of each parameter holds one sample
        String script = String.join("\n",
                "import h5py, numpy as np, sys",
                "f = h5py.File(sys.argv[1], 'r')",
                "fmt = f.attrs['format']",
                "assert (fmt.decode() if isinstance(fmt, bytes) else fmt) == 'emuflow-dataset/1', fmt",
                "p = f['params'][()]; lo = f['params'].attrs['lower']; hi = f['params'].attrs['upper']",
                "n = p.shape[0]",
                "assert len(f['index'][()]) == n",
                "for j in range(p.shape[1]):",
                "    strata = np.floor((p[:, j] - lo[j]) / (hi[j] - lo[j]) * n).astype(int)",
                "    assert sorted(strata) == list(range(n)), 'parameter %d: strata not each used once' % j",
                "print(n, p.shape[1], ','.join(x.decode() if isinstance(x, bytes) else x for x in f['params'].attrs['names']))");
        Proc py = python(script, STUDY.resolve("sample/samples.h5").toString());
        assertEquals(0, py.exit(), py::output);
        assertEquals("400 6 H0,omega_b,omega_c,ln10As,n_s,z", py.output().strip());
    }

    @Test
    @Order(3)
    void mergedSpectraEqualAFreshSimulationOutsideThePipeline() throws Exception {
        // h5py reads sample id 123 from the merged dataset; `emuflow pk` recomputes it from its parameters alone
        String script = String.join("\n",
                "import h5py, numpy as np, sys",
                "f = h5py.File(sys.argv[1], 'r')",
                "i = list(f['index'][()]).index(123)",
                "names = [x.decode() if isinstance(x, bytes) else x for x in f['params'].attrs['names']]",
                "print(' '.join('%s=%r' % (n, float(v)) for n, v in zip(names, f['params'][i])))",
                "print(' '.join(repr(float(x)) for x in f['grid/k'][()]))",
                "print(' '.join(repr(float(x)) for x in f['targets/P_nl'][i]))");
        Proc py = python(script, STUDY.resolve("merge/dataset.h5").toString());
        assertEquals(0, py.exit(), py::output);
        String[] lines = py.output().strip().split("\n");
        List<String> args = new ArrayList<>(List.of("pk"));
        String z = "0";
        for (String pair : lines[0].split(" ")) {
            if (pair.startsWith("z=")) {
                z = pair.substring(2);
            } else {
                args.add("--param");
                args.add(pair);
            }
        }
        double[] k = parse(lines[1]);
        double[] stored = parse(lines[2]);
        Path kFile = BASE.resolve("k.txt");
        Files.writeString(kFile, Stream.of(lines[1].split(" ")).collect(Collectors.joining("\n")) + "\n");
        args.addAll(List.of("--z", z, "--k-file", kFile.toString(), "--out", "-"));
        Proc pk = emuflow(args.toArray(String[]::new));
        assertEquals(0, pk.exit(), pk::output);
        List<String> rows = pk.output().strip().lines().filter(l -> !l.startsWith("id")).toList();
        assertEquals(k.length, rows.size());
        for (int j = 0; j < k.length; j++) {
            String[] cols = rows.get(j).split(",");
            double pnl = Double.parseDouble(cols[4]);
            assertEquals(k[j], Double.parseDouble(cols[2]), 1e-12 * k[j]);
            assertEquals(stored[j], pnl, 1e-10 * stored[j], "P_nl at k=" + k[j]);
        }
    }

    @Test
    @Order(4)
    void metricsMatchAnIndependentRecomputationFromPredict() throws Exception {
        JsonNode metrics = JSON.readTree(STUDY.resolve("evaluation/mlp/metrics.json").toFile());
        JsonNode test = metrics.path("splits").path("test");
        JsonNode pct = test.path("max_rel_error_percentiles");
        double p50 = pct.path("p50").asDouble(Double.NaN);
        double p99 = pct.path("p99").asDouble(Double.NaN);
        assertTrue(p50 > 0 && p50 <= pct.path("p68").asDouble() && pct.path("p68").asDouble() <= pct.path("p95").asDouble()
                && pct.path("p95").asDouble() <= p99, "percentiles must be positive and ordered: " + pct);
        // h5py writes the test parameters to CSV; `emuflow predict` maps them; numpy recomputes max |rel. error|
        Path params = BASE.resolve("test_params.csv");
        Path predicted = BASE.resolve("test_pred.csv");
        Proc dump = python(String.join("\n",
                "import h5py, sys",
                "f = h5py.File(sys.argv[1], 'r')",
                "names = [x.decode() if isinstance(x, bytes) else x for x in f['params'].attrs['names']]",
                "with open(sys.argv[2], 'w') as out:",
                "    out.write('id,' + ','.join(names) + '\\n')",
                "    for i, row in zip(f['index'][()], f['params'][()]):",
                "        out.write(str(i) + ',' + ','.join(repr(float(v)) for v in row) + '\\n')"),
                STUDY.resolve("split/test.h5").toString(), params.toString());
        assertEquals(0, dump.exit(), dump::output);
        Proc predict = emuflow("predict", "--model", STUDY.resolve("models/mlp").toString(), "--params", params.toString(),
                "--out", predicted.toString());
        assertEquals(0, predict.exit(), predict::output);
        Proc check = python(String.join("\n",
                "import h5py, numpy as np, sys, csv",
                "f = h5py.File(sys.argv[1], 'r')",
                "ids = list(f['index'][()]); truth = f['targets/P_nl'][()]; nk = truth.shape[1]",
                "pred = {}",
                "for r in csv.DictReader(open(sys.argv[2])):",
                "    pred.setdefault(int(r['id']), []).append(float(r['P_nl']))",
                "err = np.array([np.max(np.abs(np.array(pred[i]) / truth[n] - 1)) for n, i in enumerate(ids)])",
                "print(np.percentile(err, 50), np.percentile(err, 99))"),
                STUDY.resolve("split/test.h5").toString(), predicted.toString());
        assertEquals(0, check.exit(), check::output);
        double[] recomputed = parse(check.output().strip());
        assertEquals(recomputed[0], p50, 1e-3 * recomputed[0] + 1e-9, "median max |rel. error| of the test split");
        // the tiny test network (400 samples) must have learnt the spectra: typical worst-k errors of a few percent
        assertTrue(p50 < 0.2, "median max |relative error| " + p50 + " is not that of a trained emulator");
    }

    @Test
    @Order(5)
    void hyperparameterSearchRunsOneTaskPerTrialAndKeepsTheBestOnValidationLoss() throws Exception {
        long trialTasks = trace().stream().filter(r -> r.get("process").contains(":TRAIN_TRIAL")).count();
        assertEquals(4, trialTasks, "the test study's mlp-search has 4 trials, one task each");
        Path search = STUDY.resolve("search/mlp-search");
        String bestTrial = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 4; i++) {
            JsonNode trial = JSON.readTree(search.resolve("trial_" + i + ".trial.json").toFile());
            assertEquals(i, trial.path("trial_index").asInt());
            double loss = trial.path("validation_loss").asDouble();
            if (loss < bestLoss) {
                bestLoss = loss;
                bestTrial = "trial_" + i;
            }
        }
        JsonNode log = JSON.readTree(search.resolve("search_log.json").toFile());
        assertTrue(log.toString().contains(String.valueOf(bestLoss)), "the search log does not name the best validation loss");
        // the selected model is the best trial's bundle, file by file
        for (String f : List.of("emulator.json", "params.bin")) {
            assertEquals(sha256(search.resolve(bestTrial).resolve(f)), sha256(STUDY.resolve("models/mlp-search").resolve(f)),
                    "models/mlp-search is not " + bestTrial + " (lowest validation loss " + bestLoss + ")");
        }
        assertTrue(Files.exists(STUDY.resolve("evaluation/mlp-search/metrics.json")), "the selected model was not evaluated");
    }

    @Test
    @Order(6)
    void provenanceChainLeadsFromTheModelBackToTheSamples() throws Exception {
        Proc audit = emuflow("audit", "model", "mlp", "--db", OUT.resolve("provenance/emuflow").toString());
        assertEquals(0, audit.exit(), audit::output);
        String tree = audit.output();
        for (String f : List.of("sample/samples.h5", "merge/dataset.h5", "clean/clean.h5", "split/train.h5", "split/validation.h5")) {
            assertTrue(tree.contains(sha256(STUDY.resolve(f))), "the model's lineage lacks " + f + " (sha256 " + sha256(STUDY.resolve(f)) + "):\n" + tree);
        }
        try (Stream<Path> chunks = Files.list(STUDY.resolve("simulate"))) {
            for (Path chunk : chunks.filter(p -> p.toString().endsWith(".h5")).toList()) {
                assertTrue(tree.contains(sha256(chunk)), "the model's lineage lacks " + chunk.getFileName());
            }
        }
        assertTrue(tree.contains("halofit"), "simulator missing from the lineage");
        assertTrue(tree.contains("latin-hypercube"), "sampling method missing from the lineage");
        assertTrue(tree.contains("42"), "seed missing from the lineage");
        Proc version = emuflow("--version");
        String toolVersion = version.output().strip().replace("emuflow ", "");
        assertTrue(tree.contains(toolVersion), "tool version " + toolVersion + " missing from the lineage");
    }

    @Test
    @Order(6)
    void theRunEndsWithTheReportItsPathPrintedAndABrowserRendersIt() throws Exception {
        assertTrue(firstRun.output().contains("report " + OUT.resolve("report.html")), "the run did not print the report's path");
        ReportPage.check(OUT, BASE);
    }

    @Test
    @Order(7)
    void secondRunWithResumeRerunsNoTask() throws Exception {
        Proc again = Proc.run(BASE, 600, ROOT.resolve("nextflow").toString(), "run", ROOT.resolve("main.nf").toString(),
                "-profile", "test", "--outdir", OUT.toString(), "-work-dir", BASE.resolve("work").toString(), "-resume");
        assertEquals(0, again.exit(), again::output);
        List<Map<String, String>> trace = trace();
        assertFalse(trace.isEmpty());
        List<String> rerun = trace.stream().filter(r -> !r.get("status").equals("CACHED")).map(r -> r.get("name")).toList();
        assertTrue(rerun.isEmpty(), "tasks re-run on -resume: " + rerun);
    }

    @Test
    @Order(8)
    void badParametersFailBeforeAnyTaskWithOneClearLine() throws Exception {
        Path out = BASE.resolve("bad-results");
        record Case(String expected, String... args) {}
        for (Case c : List.of(
                new Case("study 'no-such-study'", "--study", "no-such-study"),
                new Case("--seed must be an integer", "--seed", "abc"),
                new Case("--chunk_size is 0, below its minimum 1", "--chunk_size", "0"),
                new Case("unknown parameter --bogus", "--bogus", "1"),
                new Case("--study_file: file '/no/such/study.yaml' does not exist", "--study_file", "/no/such/study.yaml"))) {
            List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("nextflow").toString(), "run", ROOT.resolve("main.nf").toString(),
                    "-profile", "test", "--outdir", out.toString(), "-work-dir", BASE.resolve("bad-work").toString()));
            cmd.addAll(List.of(c.args()));
            Proc p = Proc.run(BASE, 300, cmd.toArray(String[]::new));
            assertNotEquals(0, p.exit(), "accepted " + List.of(c.args()));
            assertTrue(p.output().contains(c.expected()), "expected '" + c.expected() + "' in:\n" + p.output());
            assertFalse(Files.exists(out.resolve("pk-emulator")), "a rejected run wrote results");
        }
    }

    // ---- helpers ----

    static List<Map<String, String>> trace() throws IOException {
        List<String> lines = Files.readAllLines(OUT.resolve("pipeline_info/execution_trace.txt"));
        String[] header = lines.get(0).split("\t");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t", -1);
            Map<String, String> row = new java.util.HashMap<>();
            for (int i = 0; i < header.length && i < cols.length; i++) {
                row.put(header[i], cols[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    static Proc emuflow(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/emuflow").toString()));
        cmd.addAll(List.of(args));
        return Proc.run(BASE, 300, cmd.toArray(String[]::new));
    }

    static Proc python(String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-c", script));
        cmd.addAll(List.of(args));
        return Proc.run(BASE, 300, cmd.toArray(String[]::new));
    }

    static double[] parse(String spaceSeparated) {
        return Stream.of(spaceSeparated.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    }

    static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("hash files only");
        }
        return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A finished child process: exit code and its merged stdout and stderr. */
    record Proc(int exit, String output) {
        static Proc run(Path dir, int timeoutSeconds, String... command) throws Exception {
            return run(dir, timeoutSeconds, Map.of(), command);
        }

        static Proc run(Path dir, int timeoutSeconds, Map<String, String> env, String... command) throws Exception {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().put("EMUFLOW_SKIP_BUILD", "true");
            pb.environment().put("NXF_ANSI_LOG", "false");
            pb.environment().putAll(env);
            Path log = Files.createTempFile(dir, "proc", ".log");
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + String.join(" ", command)
                        + "\n" + Files.readString(log));
            }
            String output = Files.readString(log);
            Files.delete(log);
            return new Proc(p.exitValue(), output);
        }
    }
}
