package io.emuflow.ml.inverse;

import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calibration part of {@code evaluate-inverse} for models with a distributional head: per split and parameter
 * the coverage of the central 68% and 95% intervals, mean interval widths and std, the PIT histogram and its KS
 * distance ({@link Calibration}); per split the TARP expected-coverage curve of the joint posterior ({@link Tarp},
 * 1000 draws per sample). Plots: pit_&lt;parameter&gt;.png of the plot split and tarp.png (every split).
 */
final class InverseCalibration {
    /** Posterior draws per test pair for TARP. */
    static final int TARP_DRAWS = 1000;
    /** Seed of TARP's reference points and draws (fixed: the same model and data give the same figures). */
    static final long TARP_SEED = 20230206L;

    private InverseCalibration() {}

    /** Per parameter, the sigma factor that minimises the validation split's NLL ({@link SigmaScaling}). */
    private static double[] sigmaFactors(InverseModel model, SpectrumDataset validation) {
        Mixture1D[][] posteriors = model.predictDistributions(validation);
        double[] factors = new double[model.parameters().size()];
        for (int p = 0; p < factors.length; p++) {
            Mixture1D[] column = new Mixture1D[posteriors.length];
            double[] truth = new double[posteriors.length];
            for (int i = 0; i < column.length; i++) {
                column[i] = posteriors[i][p];
                truth[i] = validation.params()[i][p];
            }
            factors[p] = SigmaScaling.fit(column, truth);
        }
        return factors;
    }

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
        Map<String, double[][]> tarpCurves = new LinkedHashMap<>();
        Map<String, long[]> pitOfPlotSplit = new LinkedHashMap<>();
        double[] factors = splits.containsKey("validation") ? sigmaFactors(model, splits.get("validation")) : null;
        for (Map.Entry<String, SpectrumDataset> entry : splits.entrySet()) {
            SpectrumDataset data = entry.getValue();
            Mixture1D[][] posteriors = model.predictDistributions(data);
            Map<String, Object> calibration = new LinkedHashMap<>();
            calibration.put("head", model.settings().head().name().toLowerCase());
            calibration.put("components", model.settings().components());
            Map<String, Object> perParameter = new LinkedHashMap<>();
            for (int p = 0; p < P; p++) {
                Mixture1D[] column = new Mixture1D[posteriors.length];
                double[] truth = new double[posteriors.length];
                for (int i = 0; i < column.length; i++) {
                    column[i] = posteriors[i][p];
                    truth[i] = data.params()[i][p];
                }
                Map<String, Object> summary = Calibration.summary(column, truth);
                if (factors != null) {
                    summary.put("sigma_scaled", scaled(column, truth, factors[p]));
                }
                perParameter.put(parameters.get(p).name(), summary);
                if (entry.getKey().equals(plotSplit)) {
                    pitOfPlotSplit.put(parameters.get(p).name(), (long[]) summary.get("pit_histogram"));
                }
            }
            calibration.put("parameters", perParameter);
            if (factors != null) {
                Map<String, Object> scale = new LinkedHashMap<>();
                scale.put("fitted_on", "validation");
                Map<String, Double> byParameter = new LinkedHashMap<>();
                for (int p = 0; p < P; p++) {
                    byParameter.put(parameters.get(p).name(), factors[p]);
                }
                scale.put("factors", byParameter);
                calibration.put("sigma_scale", scale);
            }
            Map<String, Object> tarp = Tarp.summary(posteriors, data.params(), lower, upper, TARP_DRAWS, TARP_SEED);
            calibration.put("tarp", tarp);
            tarpCurves.put(entry.getKey(), new double[][] {(double[]) tarp.get("credibility"), (double[]) tarp.get("ecp")});
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
