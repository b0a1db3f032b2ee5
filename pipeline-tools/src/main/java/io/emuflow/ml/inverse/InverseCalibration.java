package io.emuflow.ml.inverse;

import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calibration part of {@code evaluate-inverse} for models with a distributional head: per split and parameter
 * the coverage of the central 68% and 95% intervals, mean interval widths, the PIT histogram and its KS distance
 * ({@link Calibration}); per split the TARP expected-coverage curve of the joint posterior ({@link Tarp}, 1000 draws
 * per sample). The figures are those of the posteriors the model delivers ({@link InverseModel#predictPosteriors}:
 * after the bundle's recalibration), and, when it has one, the same figures of the network's own mixtures under
 * "uncalibrated", so that metrics.json shows coverage before and after. Plots: pit_&lt;parameter&gt;.png of the plot
 * split (both) and tarp.png (every split; the plot split before recalibration too).
 */
final class InverseCalibration {
    /** Posterior draws per test pair for TARP. */
    static final int TARP_DRAWS = 1000;
    /** Seed of TARP's reference points and draws (fixed: the same model and data give the same figures). */
    static final long TARP_SEED = 20230206L;

    private InverseCalibration() {}

    /** Coverage and width of the posteriors widened by the validation-fitted factor (a diagnostic; the bundle keeps its own). */
    private static Map<String, Object> scaled(Mixture1D[] column, double[] truth, double factor) {
        Mixture1D[] widened = SigmaScaling.apply(column, factor);
        double[] u = Calibration.pit(widened, truth);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("factor", factor);
        out.put("coverage_68", Calibration.coverage(u, 0.68));
        out.put("coverage_95", Calibration.coverage(u, 0.95));
        out.put("mean_width_68", Calibration.meanWidth(widened, 0.68));
        out.put("mean_width_95", Calibration.meanWidth(widened, 0.95));
        return out;
    }

    /** Adds "calibration" to each split's entry of {@code perSplit} and writes the plots into {@code plots}. */
    @SuppressWarnings("unchecked")
    static void evaluate(InverseModel model, Map<String, SpectrumDataset> splits, Map<String, Object> perSplit, String plotSplit,
            Path outDir, Map<String, Path> plots) {
        List<Parameter> parameters = model.parameters();
        int P = parameters.size();
        double[] lower = parameters.stream().mapToDouble(Parameter::lower).toArray();
        double[] upper = parameters.stream().mapToDouble(Parameter::upper).toArray();
        Recalibration recalibration = model.recalibration();
        boolean recalibrated = recalibration != null && recalibration.method() != Recalibration.Method.NONE;
        Map<String, double[][]> tarpCurves = new LinkedHashMap<>();
        Map<String, Map<String, long[]>> pitOfPlotSplit = new LinkedHashMap<>();
        // the diagnostic sigma factors, refitted here on the validation split; the bundle's own when it is sigma-scaled
        Recalibration sigma = !splits.containsKey("validation") || recalibrated && recalibration.method() == Recalibration.Method.SIGMA
                ? null
                : Recalibration.fit(Recalibration.Method.SIGMA, model.parameterNames(), model.predictDistributions(splits.get("validation")),
                        splits.get("validation").params(), "validation");
        for (Map.Entry<String, SpectrumDataset> entry : splits.entrySet()) {
            SpectrumDataset data = entry.getValue();
            Mixture1D[][] raw = model.predictDistributions(data);
            Posterior1D[][] posteriors = recalibration == null ? raw : recalibration.apply(raw);
            Map<String, Object> calibration = new LinkedHashMap<>();
            calibration.put("head", model.settings().head().name().toLowerCase());
            calibration.put("components", model.settings().components());
            calibration.put("recalibration", recalibration != null ? recalibration.summary()
                    : Map.of("method", "none", "note", "the bundle has no " + Recalibration.FILE + " (trained before recalibration existed)"));
            Map<String, Object> perParameter = new LinkedHashMap<>();
            for (int p = 0; p < P; p++) {
                Mixture1D[] rawColumn = new Mixture1D[raw.length];
                Posterior1D[] column = new Posterior1D[raw.length];
                double[] truth = new double[raw.length];
                for (int i = 0; i < column.length; i++) {
                    rawColumn[i] = raw[i][p];
                    column[i] = posteriors[i][p];
                    truth[i] = data.params()[i][p];
                }
                Map<String, Object> before = Calibration.summary(rawColumn, truth);
                Map<String, Object> summary = recalibrated ? Calibration.summary(column, truth) : before;
                if (recalibrated) {
                    summary.put("uncalibrated", before);
                }
                if (sigma != null) {
                    summary.put("sigma_scaled", scaled(rawColumn, truth, sigma.factor(p)));
                }
                perParameter.put(parameters.get(p).name(), summary);
                if (entry.getKey().equals(plotSplit)) {
                    Map<String, long[]> histograms = new LinkedHashMap<>();
                    if (recalibrated) {
                        histograms.put("uncalibrated", (long[]) before.get("pit_histogram"));
                        histograms.put("recalibrated (" + Recalibration.name(recalibration.method()) + ")", (long[]) summary.get("pit_histogram"));
                    } else {
                        histograms.put("PIT", (long[]) before.get("pit_histogram"));
                    }
                    pitOfPlotSplit.put(parameters.get(p).name(), histograms);
                }
            }
            calibration.put("parameters", perParameter);
            if (sigma != null) {
                Map<String, Object> scale = new LinkedHashMap<>();
                scale.put("fitted_on", "validation");
                Map<String, Double> byParameter = new LinkedHashMap<>();
                for (int p = 0; p < P; p++) {
                    byParameter.put(parameters.get(p).name(), sigma.factor(p));
                }
                scale.put("factors", byParameter);
                calibration.put("sigma_scale", scale);
            }
            Map<String, Object> tarp = Tarp.summary(posteriors, data.params(), lower, upper, TARP_DRAWS, TARP_SEED);
            calibration.put("tarp", tarp);
            tarpCurves.put(entry.getKey(), new double[][] {(double[]) tarp.get("credibility"), (double[]) tarp.get("ecp")});
            if (recalibrated) {
                Map<String, Object> before = Tarp.summary(raw, data.params(), lower, upper, TARP_DRAWS, TARP_SEED);
                calibration.put("tarp_uncalibrated", before);
                if (entry.getKey().equals(plotSplit)) {
                    tarpCurves.put(entry.getKey() + " (uncalibrated)", new double[][] {(double[]) before.get("credibility"), (double[]) before.get("ecp")});
                }
            }
            ((Map<String, Object>) perSplit.get(entry.getKey())).put("calibration", calibration);
        }
        for (Parameter p : parameters) {
            Path file = outDir.resolve("pit_" + p.name() + ".png");
            CalibrationPlots.pit(file, "PIT histogram of " + p.name() + " (" + plotSplit + ")", pitOfPlotSplit.get(p.name()));
            plots.put("plot_pit_" + p.name(), file);
        }
        Path file = outDir.resolve("tarp.png");
        CalibrationPlots.tarp(file, "TARP expected coverage (" + model.settings().name() + ")", tarpCurves);
        plots.put("plot_tarp", file);
    }
}
