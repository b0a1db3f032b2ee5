package io.emuflow.data;

import java.util.Arrays;

/**
 * Per-column standardisation x' = (x - mean) / std. Fitted on the training split only; the std of each
 * column is floored so that (nearly) constant columns do not blow up (CosmoPower, Spurio Mancini et al. 2022).
 */
public record Standardizer(double[] mean, double[] std) {

    public Standardizer {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("scaler mean and std differ in length: " + mean.length + " vs " + std.length);
        }
        for (int j = 0; j < std.length; j++) {
            if (!(std[j] > 0) || !Double.isFinite(mean[j]) || !Double.isFinite(std[j])) {
                throw new IllegalArgumentException("scaler column " + j + " has mean " + mean[j] + " and std " + std[j]);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Fits column means and (population) standard deviations, each std at least {@code stdFloor}. */
    public static Standardizer fit(double[][] rows, double stdFloor) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot fit a scaler on zero rows");
        }
        int columns = rows[0].length;
        double[] mean = new double[columns];
        double[] std = new double[columns];
        for (double[] row : rows) {
            for (int j = 0; j < columns; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < columns; j++) {
            mean[j] /= rows.length;
        }
        for (double[] row : rows) {
            for (int j = 0; j < columns; j++) {
                double d = row[j] - mean[j];
                std[j] += d * d;
            }
        }
        for (int j = 0; j < columns; j++) {
            std[j] = Math.max(Math.sqrt(std[j] / rows.length), stdFloor);
        }
        return new Standardizer(mean, std);
    }

    /** The same means with every std replaced by the RMS of the stds (one scale for all columns). */
    public Standardizer withCommonStd() {
        double sum = 0;
        for (double v : std) {
            sum += v * v;
        }
        double[] common = new double[std.length];
        Arrays.fill(common, Math.sqrt(sum / std.length));
        return new Standardizer(mean, common);
    }

    public int columns() {
        return mean.length;
    }

    public double[][] transform(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = transform(rows[i]);
        }
        return out;
    }

    public double[] transform(double[] row) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = (row[j] - mean[j]) / std[j];
        }
        return out;
    }

    public double[][] inverse(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = inverse(rows[i]);
        }
        return out;
    }

    public double[] inverse(double[] row) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = row[j] * std[j] + mean[j];
        }
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Standardizer s && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Standardizer" + Arrays.toString(mean) + Arrays.toString(std);
    }
}
