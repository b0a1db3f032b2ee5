package io.emuflow.cli;

import io.emuflow.data.AtomicFiles;
import io.emuflow.data.DatasetFile;
import io.emuflow.data.Json;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.evaluate.ErrorStatistics;
import io.emuflow.evaluate.ModelCard;
import io.emuflow.evaluate.Plots;
import io.emuflow.ml.EpochRecord;
import io.emuflow.ml.emulator.Emulator;
import io.emuflow.ml.emulator.EmulatorMetadata;
import io.emuflow.provenance.Hashing;
import io.emuflow.provenance.StepProvenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Metrics (per split) and plots of a trained emulator. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Compute accuracy metrics and plots of a model bundle on the data splits.")
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    EvaluationOptions options;

    @Override
    public Integer call() throws Exception {
        Emulator emulator = Emulator.load(options.modelDir);
        EmulatorMetadata meta = emulator.metadata();
        String target = meta.targetName();
        List<String> targets = meta.targetNames();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("model", emulator.settings().name());
        String modelSha = Hashing.sha256(options.modelDir);
        metrics.put("model_sha256", modelSha);
        metrics.put("target", target);
        Map<String, Object> perSplit = new LinkedHashMap<>();
        List<Plots.Pair> examples = new ArrayList<>();
        Map<String, String> units = new LinkedHashMap<>();
        String gridUnits = "";
        double[] k = emulator.metadata().grid();
        Map<String, double[]> testBands = new LinkedHashMap<>();
        Map<String, String> dataSha = new LinkedHashMap<>();
        String bandSplit = null;
        Map<String, double[]> cvBands = new LinkedHashMap<>();
        String cvSplit = null;
        Files.createDirectories(options.outDir);
        StepProvenance prov = StepSupport.provenance(spec, emulator.metadata().study()).input("model", options.modelDir, "model");
        for (Map.Entry<String, Path> entry : options.splits.entrySet()) {
            SpectrumDataset data = DatasetFile.read(entry.getValue());
            if (!data.study().equals(emulator.metadata().study()) || !Arrays.equals(data.grid(), k)
                    || !data.parameterNames().equals(emulator.metadata().paramNames())) {
                throw new IllegalArgumentException(entry.getValue() + " does not match the model (study " + data.study()
                        + ", parameters " + data.parameterNames() + "); the model is for study " + emulator.metadata().study());
            }
            prov.input(entry.getKey(), entry.getValue(), "dataset");
            dataSha.put(entry.getKey(), Hashing.sha256(entry.getValue()));
            List<double[][]> truths = new ArrayList<>();
            for (String t : targets) {
                truths.add(data.target(t).values());
            }
            double[][] truth = EmulatorMetadata.concatenate(truths);
            double[][] predictedLog10 = emulator.predictLog10(data.params());
            boolean linear = emulator.settings().linearTarget();
            double[][] predicted = linear ? predictedLog10 : pow10(predictedLog10);
            double[][] errors = ErrorStatistics.relativeErrors(truth, predicted);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("samples", data.size());
            // with target_transform: none the network learns the target itself: the same key holds its MSE
            m.put(linear ? "mse" : "mse_log10", ErrorStatistics.meanSquaredError(TrainCommand.learntTargets(data, targets, linear), predictedLog10));
            m.put("max_rel_error_percentiles", ErrorStatistics.percentiles(ErrorStatistics.maxOverGrid(errors)));
            if (targets.size() > 1) { // a multi-output emulator: the same figure for each of its targets
                Map<String, Object> perTarget = new LinkedHashMap<>();
                for (int t = 0; t < targets.size(); t++) {
                    perTarget.put(targets.get(t), Map.of("max_rel_error_percentiles",
                            ErrorStatistics.percentiles(ErrorStatistics.maxOverGrid(meta.slice(errors, t)))));
                }
                m.put("targets", perTarget);
            }
            Map<String, Object> cv = new LinkedHashMap<>();
            if (cvSplit == null || (entry.getKey().equals("test") && !cvSplit.equals("test"))) { // bands of the test split
                cvBands.clear();
                cvSplit = entry.getKey();
            }
            for (int t = 0; t < targets.size(); t++) { // CMB spectra: errors in cosmic-variance units (issue 23)
                if (io.emuflow.evaluate.CosmicVariance.applies(meta.gridName(), targets.get(t), data)) {
                    double[][] ratio = io.emuflow.evaluate.CosmicVariance.ratio(targets.get(t), k, meta.slice(truth, t), meta.slice(predicted, t), data);
                    Map<String, Object> summary = io.emuflow.evaluate.CosmicVariance.summary(ratio, k);
                    cv.put(targets.get(t), summary);
                    if (entry.getKey().equals(cvSplit)) {
                        for (double p : io.emuflow.evaluate.CosmicVariance.PERCENTILES) {
                            cvBands.put(entry.getKey() + " " + targets.get(t) + " p" + (int) p, (double[]) summary.get("p" + (int) p));
                        }
                    }
                }
            }
            if (!cv.isEmpty()) {
                m.put("cosmic_variance", cv);
            }
            perSplit.put(entry.getKey(), m);
            for (int t = 0; t < targets.size(); t++) {
                String label = entry.getKey() + (targets.size() > 1 ? " " + targets.get(t) : "") + " (id " + data.index()[0] + ")";
                examples.add(new Plots.Pair(label, entry.getKey(), k, meta.slice(truth, t)[0], meta.slice(predicted, t)[0]));
                units.putIfAbsent(targets.get(t), data.target(targets.get(t)).units());
                gridUnits = data.gridUnits();
            }
            if (entry.getKey().equals("test") || testBands.isEmpty()) {
                testBands.clear();
                bandSplit = entry.getKey();
                for (int t = 0; t < targets.size(); t++) {
                    String prefix = targets.size() > 1 ? targets.get(t) + " " : "";
                    for (double p : ErrorStatistics.PERCENTILES) {
                        testBands.put(entry.getKey() + " " + prefix + "p" + (int) p, ErrorStatistics.band(meta.slice(errors, t), p));
                    }
                }
            }
        }
        metrics.put("splits", perSplit);
        Map<String, Object> bands = new LinkedHashMap<>();
        bands.put("split", bandSplit);
        bands.put(emulator.metadata().gridName(), k);
        // keys "p50" ... for one target, "P_lin p50" ... for several
        testBands.forEach((label, values) -> bands.put(label.substring(label.indexOf(' ') + 1), values));
        metrics.put("rel_error_bands", bands);
        Path metricsFile = options.outDir.resolve("metrics.json");
        AtomicFiles.writeString(metricsFile, Json.pretty(metrics));
        List<EpochRecord> history = emulator.history();
        Path historyPlot = options.outDir.resolve("history.png");
        Plots.history(historyPlot,
                history.stream().mapToDouble(EpochRecord::epoch).toArray(),
                history.stream().mapToDouble(EpochRecord::trainLoss).toArray(),
                history.stream().mapToDouble(EpochRecord::validationLoss).toArray());
        Path examplesPlot = options.outDir.resolve("examples.png");
        String gridLabel = emulator.metadata().gridName() + (gridUnits == null || gridUnits.isEmpty() ? "" : " [" + gridUnits + "]");
        Plots.spectra(examplesPlot, "True vs predicted " + target, gridLabel, withUnits(units), examples);
        Path bandsPlot = options.outDir.resolve("error_bands.png");
        Plots.errorBands(bandsPlot, "Relative error of " + target + " (percentiles over " + bandSplit + " samples)", gridLabel, k, testBands);
        Path cvPlot = options.outDir.resolve("cv_bands.png");
        if (!cvBands.isEmpty()) {
            io.emuflow.evaluate.CosmicVariance.plot(cvPlot, "|delta C_l| / sigma_CV of " + target + " (percentiles over " + cvSplit + " samples)", k, cvBands);
            prov.output("plot_cv_bands", cvPlot, "plot", null);
        }
        Map<String, Object> card = ModelCard.build(emulator, modelSha, metrics, dataSha);
        Path cardJson = options.outDir.resolve("model_card.json");
        Path cardMd = options.outDir.resolve("model_card.md");
        AtomicFiles.writeString(cardJson, ModelCard.json(card));
        AtomicFiles.writeString(cardMd, ModelCard.markdown(card));
        prov.extra("metrics", metrics)
                .output("model_card", cardJson, "model-card", null)
                .output("model_card_md", cardMd, "model-card", null)
                .output("metrics", metricsFile, "metrics", null)
                .output("plot_history", historyPlot, "plot", null)
                .output("plot_examples", examplesPlot, "plot", null)
                .output("plot_error_bands", bandsPlot, "plot", null)
                .write(StepProvenance.sidecarOf(metricsFile));
        return 0;
    }

    private static double[][] pow10(double[][] log10) {
        double[][] out = new double[log10.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[log10[i].length];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = Math.pow(10, log10[i][j]);
            }
        }
        return out;
    }

    /** "P_nl [Mpc^3]", or "P_lin, P_nl [Mpc^3]" for targets that share a unit. */
    static String withUnits(Map<String, String> units) {
        java.util.Set<String> distinct = new java.util.LinkedHashSet<>(units.values());
        if (distinct.size() == 1) {
            String u = distinct.iterator().next();
            return String.join(", ", units.keySet()) + (u == null || u.isEmpty() ? "" : " [" + u + "]");
        }
        List<String> parts = new ArrayList<>();
        units.forEach((name, u) -> parts.add(name + (u == null || u.isEmpty() ? "" : " [" + u + "]")));
        return String.join(", ", parts);
    }
}
