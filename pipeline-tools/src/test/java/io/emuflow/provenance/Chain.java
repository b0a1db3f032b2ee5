package io.emuflow.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds the sidecars of one realistic pipeline chain, as the step commands write them (StepProvenance with the
 * same roles, kinds, settings and extras): sample -> simulate (2 chunks) -> merge -> clean -> split -> train ->
 * evaluate. Files are small but real, so every sha256 is the hash of what is on disk.
 */
final class Chain {
    static final String STUDY = "pk-toy";
    static final String TOOL = "0.1.0 (git abc1234)";
    static final String GIT = "abc1234";

    final Path dir;
    final long seed;
    final List<Path> sidecars = new ArrayList<>();
    Path studyYaml;
    Path studyJson;
    Path samples;
    final List<Path> chunks = new ArrayList<>();
    Path merged;
    Path cleaned;
    Path train;
    Path validation;
    Path test;
    Path model;
    Path metrics;

    private Chain(Path dir, long seed) {
        this.dir = dir;
        this.seed = seed;
    }

    /** The data part of a chain (sample .. split) in {@code dir}; add models with {@link #model}. */
    static Chain data(Path dir, long dataSeed) {
        Chain c = new Chain(dir, dataSeed);
        c.data();
        return c;
    }

    /** A whole chain with one model. */
    static Chain build(Path dir, long dataSeed, String modelName, int hidden, double testP99) {
        return data(dir, dataSeed).model(modelName, hidden, testP99);
    }

    /** Trains (and evaluates) one more model on this chain's split; {@link #model} then names its bundle. */
    Chain model(String modelName, int hidden, double testP99) {
        trainAndEvaluate(modelName, hidden, testP99);
        return this;
    }

    private void data() {
        Path data = dir.resolve("data-" + seed);
        studyYaml = write(data.resolve("pk-toy.yaml"), "name: pk-toy\nsamples: 20\n");
        studyJson = write(data.resolve("study.json"), "{\"name\": \"pk-toy\", \"samples\": 20}\n");
        samples = write(data.resolve("samples.h5"), "samples of seed " + seed);
        Map<String, Object> ranges = new LinkedHashMap<>();
        ranges.put("H0", Map.of("lower", 60.0, "upper", 80.0, "units", "km/s/Mpc"));
        ranges.put("n_s", Map.of("lower", 0.9, "upper", 1.0, "units", ""));
        sidecar(step("sample").seed(seed)
                .setting("method", "latin-hypercube").setting("samples", 20).setting("derived_seed", seed * 31 + 7)
                .setting("ranges", ranges).setting("test_size", true)
                .input("study_file", studyYaml, "study")
                .output("study", studyJson, "study", null)
                .output("samples", samples, "samples", new long[] {20, 2}), samples);
        for (int chunk = 0; chunk < 2; chunk++) {
            Path out = write(data.resolve("chunk_" + chunk + ".h5"), "chunk " + chunk + " of seed " + seed);
            chunks.add(out);
            sidecar(step("simulate")
                    .setting("simulator", "eh-linear").setting("simulator_settings", Map.of("k_points", 10, "k_max", 1.0))
                    .setting("chunk", chunk).setting("chunk_size", 10).setting("rows", new int[] {chunk * 10, chunk * 10 + 10})
                    .setting("failed_samples", 0)
                    .input("study", studyJson, "study").input("samples", samples, "samples")
                    .output("chunk", out, "dataset", new long[] {10, 10}), out);
        }
        merged = write(data.resolve("merged.h5"), "merged " + seed);
        StepProvenance merge = step("merge").setting("chunks", 2);
        chunks.forEach(ch -> merge.input("chunk", ch, "dataset"));
        sidecar(merge.output("dataset", merged, "dataset", new long[] {20, 10}), merged);
        cleaned = write(data.resolve("clean.h5"), "clean " + seed);
        Path report = write(data.resolve("clean_report.json"), "{\"removed\": []}");
        sidecar(step("clean").setting("policy", "drop-rows").setting("max_removed_fraction", 0.05)
                .setting("removed_samples", 0).setting("removed_columns", 0)
                .input("study", studyJson, "study").input("dataset", merged, "dataset")
                .output("dataset", cleaned, "dataset", new long[] {20, 10})
                .output("report", report, "report", null), cleaned);
        train = write(data.resolve("train.h5"), "train " + seed);
        validation = write(data.resolve("validation.h5"), "validation " + seed);
        test = write(data.resolve("test.h5"), "test " + seed);
        sidecar(step("split").seed(seed).setting("derived_seed", seed * 17 + 3).setting("fractions", new double[] {0.7, 0.15, 0.15})
                .setting("std_floor", 1e-3)
                .input("study", studyJson, "study").input("dataset", cleaned, "dataset")
                .output("train", train, "dataset", new long[] {14, 10})
                .output("validation", validation, "dataset", new long[] {3, 10})
                .output("test", test, "dataset", new long[] {3, 10}), train);
    }

    private void trainAndEvaluate(String modelName, int hidden, double testP99) {
        Path models = dir.resolve("models-" + seed + "-" + modelName + "-" + hidden);
        model = models.resolve(modelName);
        write(model.resolve("weights.zip"), "weights of " + modelName + " " + hidden + " " + seed);
        write(model.resolve("settings.json"), "{\"hidden\": [" + hidden + "]}");
        Map<String, Object> modelExtra = new LinkedHashMap<>();
        modelExtra.put("name", modelName);
        modelExtra.put("bundle_sha256", Hashing.sha256(model));
        modelExtra.put("target", "P_lin");
        modelExtra.put("epochs", 12);
        sidecar(step("train").seed(seed).setting("derived_seed", seed * 13 + 1)
                .setting("model", Map.of("name", modelName, "hidden", List.of(hidden, hidden), "learning_rate", 1e-3))
                .extra("model", modelExtra)
                .input("study", studyJson, "study").input("train", train, "dataset").input("validation", validation, "dataset")
                .output("model", model, "model", null), model);
        Path eval = models.resolve("eval");
        metrics = write(eval.resolve("metrics.json"), "{\"p99\": " + testP99 + "}");
        Path plot = write(eval.resolve("history.png"), "png " + modelName + hidden);
        Map<String, Object> splits = new LinkedHashMap<>();
        splits.put("train", Map.of("samples", 14, "mse_log10", 1e-5, "max_rel_error_percentiles", percentiles(testP99 / 3)));
        splits.put("test", Map.of("samples", 3, "mse_log10", 2e-5, "max_rel_error_percentiles", percentiles(testP99)));
        Map<String, Object> metricsExtra = new LinkedHashMap<>();
        metricsExtra.put("model", modelName);
        metricsExtra.put("model_sha256", Hashing.sha256(model));
        metricsExtra.put("target", "P_lin");
        metricsExtra.put("splits", splits);
        sidecar(step("evaluate").input("model", model, "model").input("train", train, "dataset").input("test", test, "dataset")
                .extra("metrics", metricsExtra)
                .output("metrics", metrics, "metrics", null)
                .output("plot_history", plot, "plot", null), metrics);
    }

    private static Map<String, Object> percentiles(double p99) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("p50", p99 / 4);
        p.put("p68", p99 / 3);
        p.put("p95", p99 / 1.5);
        p.put("p99", p99);
        return p;
    }

    private static StepProvenance step(String name) {
        return StepProvenance.start(name, STUDY, List.of("emuflow", name, "--seed", "1"), TOOL, GIT);
    }

    private void sidecar(StepProvenance p, Path primaryOutput) {
        Path sidecar = StepProvenance.sidecarOf(primaryOutput);
        p.write(sidecar);
        sidecars.add(sidecar);
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies every output of a chain to where the pipeline's modules publish it. */
    void publishTo(Path outdir) {
        for (Path sidecar : sidecars) {
            try {
                JsonNode doc = StepProvenance.JSON.readTree(sidecar.toFile());
                String step = doc.path("step").asText();
                String folder = switch (step) {
                    case "train" -> "models";
                    case "evaluate" -> "evaluation";
                    default -> step;
                };
                for (JsonNode out : doc.path("outputs")) {
                    Path from = Path.of(out.path("path").asText());
                    copy(from, outdir.resolve(Chain.STUDY).resolve(folder).resolve(from.getFileName()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.isDirectory(from)) {
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    copy(p, to.resolve(from.relativize(p).toString()));
                }
            }
            return;
        }
        Files.createDirectories(to.getParent());
        Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

}
