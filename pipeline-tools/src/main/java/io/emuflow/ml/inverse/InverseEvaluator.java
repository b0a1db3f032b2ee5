package io.emuflow.ml.inverse;

import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.ml.EpochRecord;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores an inverse model on named data splits: per split and parameter RMSE, MAE, MSE and R^2 of the values,
 * and the classification figures of the 25 (or {@code classes}) equal-width classes; for a regressor the
 * predicted values are binned into those classes, for a classifier the values are the centres of the predicted
 * classes. Plots: predicted vs true per parameter (every split), confusion matrix per parameter (the "test"
 * split, or the last one given), training history.
 */
public final class InverseEvaluator {
    private InverseEvaluator() {}

    /** The metrics document and the plot files written. */
    public record Result(Map<String, Object> metrics, Map<String, Path> plots) {}

    public static Result evaluate(InverseModel model, Map<String, SpectrumDataset> splits, Path outDir) {
        if (splits.isEmpty()) {
            throw new IllegalArgumentException("no data splits to evaluate");
        }
        List<Parameter> parameters = model.parameters();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("model", model.settings().name());
        metrics.put("study", model.study());
        metrics.put("network", model.settings().network().name().toLowerCase());
        metrics.put("task", model.settings().task().name().toLowerCase());
        metrics.put("inputs", model.inputNames());
        metrics.put("classes", model.settings().classes());
        metrics.put("values_from", model.isClassifier() ? "centre of the most probable class" : "regression output");
        metrics.put("classes_from", model.isClassifier() ? "most probable class of each head" : "regressed values binned into the classes");
        Map<String, Object> perSplit = new LinkedHashMap<>();
        Map<String, Map<String, double[][]>> scatter = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            scatter.put(p.name(), new LinkedHashMap<>());
        }
        String confusionSplit = splits.containsKey("test") ? "test" : List.copyOf(splits.keySet()).get(splits.size() - 1);
        Map<String, long[][]> confusions = new LinkedHashMap<>();
        for (Map.Entry<String, SpectrumDataset> entry : splits.entrySet()) {
            SpectrumDataset data = entry.getValue();
            double[][] predicted = model.predict(data);
            int[][] predictedClasses = model.predictClasses(data);
            int[][] trueClasses = model.trueClasses(data);
            Map<String, Object> split = new LinkedHashMap<>();
            split.put("samples", data.size());
            Map<String, Object> perParameter = new LinkedHashMap<>();
            double r2Sum = 0;
            for (int p = 0; p < parameters.size(); p++) {
                double[] truth = column(data.params(), p);
                double[] values = column(predicted, p);
                Map<String, Object> m = new LinkedHashMap<>(InverseMetrics.regression(truth, values));
                long[][] confusion = InverseMetrics.confusion(column(trueClasses, p), column(predictedClasses, p), model.settings().classes());
                m.put("classification", InverseMetrics.classification(confusion));
                perParameter.put(parameters.get(p).name(), m);
                r2Sum += (Double) m.get("r2");
                scatter.get(parameters.get(p).name()).put(entry.getKey(), new double[][] {truth, values});
                if (entry.getKey().equals(confusionSplit)) {
                    confusions.put(parameters.get(p).name(), confusion);
                }
            }
            split.put("mean_r2", r2Sum / parameters.size());
            split.put("parameters", perParameter);
            perSplit.put(entry.getKey(), split);
        }
        metrics.put("splits", perSplit);
        metrics.put("confusion_split", confusionSplit);
        metrics.put("training", model.trainingSummary());

        Map<String, Path> plots = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            Path file = outDir.resolve("scatter_" + p.name() + ".png");
            InversePlots.scatter(file, p.name(), p.units(), p.lower(), p.upper(), scatter.get(p.name()));
            plots.put("plot_scatter_" + p.name(), file);
            Path cm = outDir.resolve("confusion_" + p.name() + ".png");
            InversePlots.confusion(cm, "Confusion matrix of " + p.name() + " (" + confusionSplit + ", "
                    + model.settings().classes() + " classes)", confusions.get(p.name()),
                    new ParameterClasses(p.name(), p.lower(), p.upper(), model.settings().classes()), p.units());
            plots.put("plot_confusion_" + p.name(), cm);
        }
        if (model.settings().distributional()) {
            InverseCalibration.evaluate(model, splits, perSplit, confusionSplit, outDir, plots);
        }
        List<EpochRecord> history = model.history();
        if (!history.isEmpty()) {
            Path file = outDir.resolve("history.png");
            InversePlots.history(file, model.isClassifier() ? "loss (summed cross-entropy)" : model.settings().distributional()
                    ? "loss (NLL, standardised parameters)" : "loss (MSE, standardised parameters)",
                    history.stream().mapToDouble(EpochRecord::epoch).toArray(),
                    history.stream().mapToDouble(EpochRecord::trainLoss).toArray(),
                    history.stream().mapToDouble(EpochRecord::validationLoss).toArray());
            plots.put("plot_history", file);
        }
        return new Result(metrics, plots);
    }

    private static double[] column(double[][] rows, int j) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][j];
        }
        return out;
    }

    private static int[] column(int[][] rows, int j) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][j];
        }
        return out;
    }
}
