package io.emuflow.evaluate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Accuracy of predicted spectra against true ones: per sample the maximum over k of |P_pred / P_true - 1|
 * (the figure CosmoPower quotes), its percentiles over samples, and per-k percentile bands of |rel. error|.
 */
public final class ErrorStatistics {
    /** The percentiles the issue and CosmoPower report. */
    public static final double[] PERCENTILES = {50, 68, 95, 99};

    private ErrorStatistics() {}

    /** |pred/true - 1| for every sample and grid point. */
    public static double[][] relativeErrors(double[][] truth, double[][] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("truth has " + truth.length + " rows, predictions " + predicted.length);
        }
        double[][] out = new double[truth.length][];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i].length != predicted[i].length) {
                throw new IllegalArgumentException("row " + i + ": truth and prediction differ in length");
            }
            out[i] = new double[truth[i].length];
            for (int j = 0; j < truth[i].length; j++) {
                out[i][j] = Math.abs(predicted[i][j] / truth[i][j] - 1.0);
            }
        }
        return out;
    }

    public static double[] maxOverGrid(double[][] errors) {
        return Arrays.stream(errors).mapToDouble(row -> Arrays.stream(row).max().orElse(Double.NaN)).toArray();
    }

    /** Percentiles of the values, as {"p50": ..., "p68": ..., ...}, with the R-7 estimator (numpy's default linear interpolation). */
    public static Map<String, Double> percentiles(double[] values) {
        Map<String, Double> out = new LinkedHashMap<>();
        Percentile estimator = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        estimator.setData(values);
        for (double p : PERCENTILES) {
            out.put("p" + (int) p, estimator.evaluate(p));
        }
        return out;
    }

    /** Per grid column, the given percentile of |rel. error| over samples. */
    public static double[] band(double[][] errors, double percentile) {
        int columns = errors[0].length;
        double[] out = new double[columns];
        Percentile estimator = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        double[] column = new double[errors.length];
        for (int j = 0; j < columns; j++) {
            for (int i = 0; i < errors.length; i++) {
                column[i] = errors[i][j];
            }
            out[j] = estimator.evaluate(column, percentile);
        }
        return out;
    }

    /** Mean squared error between two arrays of the same shape (used on log10 spectra). */
    public static double meanSquaredError(double[][] a, double[][] b) {
        double sum = 0;
        long count = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                double d = a[i][j] - b[i][j];
                sum += d * d;
                count++;
            }
        }
        return sum / count;
    }
}
