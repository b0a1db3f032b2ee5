package io.emuflow.bench;

import io.emuflow.data.AtomicFiles;
import io.emuflow.provenance.Auditor;
import io.emuflow.provenance.Hashing;
import io.emuflow.provenance.ProvenanceStore;
import io.emuflow.provenance.Recorder;
import io.emuflow.provenance.RunInfo;
import io.emuflow.provenance.Sql;
import io.emuflow.provenance.StepProvenance;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times the provenance store (issue 26): sidecars recorded per second, and `audit model` latency once the store holds
 * all the runs. Each run is a chain of ten sidecars as the pipeline writes them (sample, four simulate chunks, merge,
 * clean, split, train, evaluate), over small files of seeded random bytes, so every run's artifacts are its own.
 * Prints one line per figure on stdout.
 */
@Command(name = "bench-record", mixinStandardHelpOptions = true,
        description = "Benchmark recording sidecars into the provenance store (H2 or PostgreSQL) and audit model latency.")
public final class BenchRecordCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--db", description = "an EMPTY store to fill: an H2 path or jdbc:postgresql://host:port/database (default: a temporary H2 file)")
    String db;

    @Option(names = "--runs", defaultValue = "100", description = "runs of ten sidecars each (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--audits", defaultValue = "20", description = "audit model calls timed at the end (default: ${DEFAULT-VALUE})")
    int audits;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the files' bytes (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || audits < 1) {
            throw new IllegalArgumentException("--runs and --audits must be >= 1, got " + runs + " and " + audits);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("emuflow-bench-record");
        try {
            List<List<Path>> chains = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                chains.add(chain(work.resolve("run" + r), r));
            }
            String target = db != null ? db : work.resolve("store/emuflow").toString();
            try (ProvenanceStore store = ProvenanceStore.open(target, true)) {
                if (!Sql.rows(store.connection(), "SELECT 1 FROM run").isEmpty()) {
                    throw new IllegalArgumentException("provenance database " + store.name() + " already holds runs: bench-record needs an empty store");
                }
                out.printf(Locale.ROOT, "# bench-record: %s, %d runs x 10 sidecars, %d cores%n", store.target().engine(), runs,
                        Runtime.getRuntime().availableProcessors());
                double[] perRun = new double[runs];
                long start = System.nanoTime();
                for (int r = 0; r < runs; r++) {
                    long t0 = System.nanoTime();
                    Recorder recorder = new Recorder(store, new RunInfo("bench_" + r, "session-" + r, null, "24.10.0", "bench"));
                    chains.get(r).forEach(recorder::ingest);
                    perRun[r] = (System.nanoTime() - t0) / 1e9;
                }
                double total = (System.nanoTime() - start) / 1e9;
                int sidecars = runs * 10;
                out.printf(Locale.ROOT, "sidecars,%d%nrecord_total_s,%.3f%nsidecars_per_s,%.1f%n", sidecars, total, sidecars / total);
                out.printf(Locale.ROOT, "sidecars_per_s_first_run,%.1f%nsidecars_per_s_last_run,%.1f%n", 10 / perRun[0], 10 / perRun[runs - 1]);
                Auditor auditor = new Auditor(store);
                double[] ms = new double[audits];
                for (int a = 0; a < audits; a++) {
                    String model = "mlp-" + (int) ((long) a * runs / audits);
                    long t0 = System.nanoTime();
                    auditor.modelLineage(auditor.resolveModel(model));
                    ms[a] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(ms);
                out.printf(Locale.ROOT, "audit_model_runs_in_store,%d%naudit_model_ms_median,%.1f%naudit_model_ms_max,%.1f%n", runs, ms[audits / 2],
                        ms[audits - 1]);
            }
        } finally {
            AtomicFiles.deleteRecursively(work);
        }
        return 0;
    }

    /** One run's ten sidecars in dir, producers first. */
    private List<Path> chain(Path dir, int run) throws IOException {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + run);
        List<Path> sidecars = new ArrayList<>();
        Path study = file(dir.resolve("study.json"), random);
        Path samples = file(dir.resolve("samples.h5"), random);
        sidecars.add(write(step("sample").seed(run).setting("samples", 1000).input("study_file", study, "study")
                .output("samples", samples, "samples", new long[] {1000, 5}), samples));
        List<Path> chunks = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            Path chunk = file(dir.resolve("chunk_" + c + ".h5"), random);
            chunks.add(chunk);
            sidecars.add(write(step("simulate").setting("chunk", c).input("study", study, "study").input("samples", samples, "samples")
                    .output("chunk", chunk, "dataset", new long[] {250, 50}), chunk));
        }
        Path merged = file(dir.resolve("dataset.h5"), random);
        StepProvenance merge = step("merge");
        chunks.forEach(c -> merge.input("chunk", c, "dataset"));
        sidecars.add(write(merge.output("dataset", merged, "dataset", new long[] {1000, 50}), merged));
        Path clean = file(dir.resolve("clean.h5"), random);
        sidecars.add(write(step("clean").input("dataset", merged, "dataset").output("dataset", clean, "dataset", new long[] {1000, 50}), clean));
        Path train = file(dir.resolve("train.h5"), random);
        Path validation = file(dir.resolve("validation.h5"), random);
        Path test = file(dir.resolve("test.h5"), random);
        sidecars.add(write(step("split").seed(run).input("dataset", clean, "dataset").output("train", train, "dataset", new long[] {800, 50})
                .output("validation", validation, "dataset", new long[] {100, 50}).output("test", test, "dataset", new long[] {100, 50}), train));
        Path model = file(dir.resolve("model.zip"), random);
        String name = "mlp-" + run;
        Map<String, Object> modelExtra = new LinkedHashMap<>();
        modelExtra.put("name", name);
        modelExtra.put("target", "P");
        sidecars.add(write(step("train").seed(run).setting("hidden_layers", List.of(64, 64)).extra("model", modelExtra)
                .input("train", train, "dataset").input("validation", validation, "dataset").output("model", model, "model", null), model));
        Path metrics = file(dir.resolve("metrics.json"), random);
        Map<String, Object> metricsExtra = new LinkedHashMap<>();
        metricsExtra.put("model", name);
        metricsExtra.put("model_sha256", Hashing.sha256(model));
        metricsExtra.put("splits", Map.of("test", Map.of("mse_log10", random.nextDouble(), "max_rel_error_p99", random.nextDouble())));
        sidecars.add(write(step("evaluate").input("model", model, "model").input("test", test, "dataset").extra("metrics", metricsExtra)
                .output("metrics", metrics, "metrics", null), metrics));
        return sidecars;
    }

    private static StepProvenance step(String name) {
        return StepProvenance.start(name, "bench-record", List.of("emuflow", name), "bench", "bench");
    }

    private static Path write(StepProvenance p, Path primary) {
        Path sidecar = StepProvenance.sidecarOf(primary);
        p.write(sidecar);
        return sidecar;
    }

    private static Path file(Path path, SplittableRandom random) throws IOException {
        byte[] bytes = new byte[1024];
        random.nextBytes(bytes);
        Files.createDirectories(path.getParent());
        Files.write(path, bytes); // a temporary folder the benchmark deletes

        return path;
    }
}
