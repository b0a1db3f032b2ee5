package io.emuflow.evaluate;

import io.emuflow.data.SpectrumDataset;
import io.emuflow.ml.emulator.Emulator;
import io.emuflow.ml.emulator.EmulatorMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Several trained emulators of one study side by side on one dataset: per target, percentiles of the max over k of
 * |relative error| and the p99 band against k; per model, the wall time of a single-sample call and of a batch of
 * 10,000 samples from Java ({@link Emulator#predictLog10}).
 */
public final class Comparison {
    /** One model's figures. */
    public record Entry(String name, Map<String, Map<String, Double>> percentiles, Map<String, double[]> p99Bands, double singleMicros,
            double batchMillis) {}

    public static final int BATCH = 10_000;

    private Comparison() {}

    public static Entry measure(String name, Emulator emulator, SpectrumDataset data, int singleCalls) {
        EmulatorMetadata meta = emulator.metadata();
        List<String> targets = meta.targetNames();
        List<double[][]> truths = new ArrayList<>();
        for (String t : targets) {
            truths.add(data.target(t).values());
        }
        double[][] truth = EmulatorMetadata.concatenate(truths);
        double[][] predicted = emulator.predict(data.params());
        double[][] errors = ErrorStatistics.relativeErrors(truth, predicted);
        Map<String, Map<String, Double>> percentiles = new LinkedHashMap<>();
        Map<String, double[]> bands = new LinkedHashMap<>();
        for (int t = 0; t < targets.size(); t++) {
            double[][] slice = meta.slice(errors, t);
            percentiles.put(targets.get(t), ErrorStatistics.percentiles(ErrorStatistics.maxOverGrid(slice)));
            bands.put(targets.get(t), ErrorStatistics.band(slice, 99));
        }
        double[][] params = data.params();
        double[][] one = {params[0]};
        for (int i = 0; i < Math.max(20, singleCalls / 5); i++) {
            emulator.predictLog10(one);
        }
        double[] single = new double[singleCalls];
        for (int i = 0; i < singleCalls; i++) {
            long start = System.nanoTime();
            emulator.predictLog10(new double[][] {params[i % params.length]});
            single[i] = (System.nanoTime() - start) / 1e3;
        }
        Arrays.sort(single);
        double[][] batch = new double[BATCH][];
        for (int i = 0; i < BATCH; i++) {
            batch[i] = params[i % params.length];
        }
        emulator.predictLog10(batch);
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < 3; r++) {
            long start = System.nanoTime();
            emulator.predictLog10(batch);
            best = Math.min(best, (System.nanoTime() - start) / 1e6);
        }
        return new Entry(name, percentiles, bands, single[singleCalls / 2], best);
    }

    /** The Markdown table: one row per model and target. */
    public static String markdown(String study, String dataset, List<Entry> entries) {
        StringBuilder md = new StringBuilder("# Model comparison: ").append(study).append("\n\n")
                .append("Dataset: ").append(dataset).append(". Max over k of |P_pred / P_true - 1| per sample, percentiles over samples (%);")
                .append(" speed: median wall time of one single-sample call, best of 3 batches of ").append(BATCH).append(" samples.\n\n")
                .append("| model | target | p50 | p68 | p95 | p99 |\n|---|---|---|---|---|---|\n");
        for (Entry e : entries) {
            e.percentiles().forEach((target, p) -> md.append(String.format(Locale.ROOT, "| %s | %s | %.4g | %.4g | %.4g | %.4g |%n", e.name(), target,
                    100 * p.get("p50"), 100 * p.get("p68"), 100 * p.get("p95"), 100 * p.get("p99"))));
        }
        md.append("\n| model | single call (us) | batch of ").append(BATCH).append(" (ms) |\n|---|---|---|\n");
        for (Entry e : entries) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f |%n", e.name(), e.singleMicros(), e.batchMillis()));
        }
        return md.toString();
    }
}
