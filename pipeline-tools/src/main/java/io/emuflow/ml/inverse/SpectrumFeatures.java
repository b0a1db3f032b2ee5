package io.emuflow.ml.inverse;

import io.emuflow.data.SpectrumDataset;
import io.emuflow.data.Standardizer;
import io.emuflow.data.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The network's input: the named spectra of a sample (one per redshift), each on the same k grid, optionally
 * as log10(value + offset), concatenated in the listed order and standardised per column with a scaler fitted
 * on the training split only. The offset keeps the exact zeros of fully ionised boxes finite (and distinct).
 * Row layout: [input 0: k_0 .. k_{L-1}, input 1: k_0 .. k_{L-1}, ...], i.e. channels x length in C order.
 */
public record SpectrumFeatures(List<String> inputs, double[] grid, boolean log10, double logOffset, Standardizer scaler) {
    /** Smallest std a feature column's scaler may have (a constant column, e.g. all-zero spectra). */
    static final double STD_FLOOR = 1e-6;

    public SpectrumFeatures {
        inputs = List.copyOf(inputs);
        grid = grid.clone();
        if (scaler.columns() != inputs.size() * grid.length) {
            throw new IllegalArgumentException("feature scaler has " + scaler.columns() + " columns for " + inputs.size()
                    + " spectra of " + grid.length + " k values");
        }
    }

    /** Chooses the inputs (all targets when none are named), checks them, and fits the scaler on the training split. */
    public static SpectrumFeatures fit(SpectrumDataset train, List<String> inputs, boolean log10, double logOffset) {
        List<String> names = inputs.isEmpty() ? new ArrayList<>(train.targets().keySet()) : inputs;
        if (names.isEmpty()) {
            throw new IllegalArgumentException("the training split has no targets (spectra) to learn from");
        }
        if (train.grid() == null) {
            throw new IllegalArgumentException("the training split has no k grid");
        }
        double[][] raw = transformed(train, names, train.grid(), log10, logOffset);
        return new SpectrumFeatures(names, train.grid(), log10, logOffset, Standardizer.fit(raw, STD_FLOOR));
    }

    public int channels() {
        return inputs.size();
    }

    public int length() {
        return grid.length;
    }

    /** Standardised features of every sample of a dataset, [N][channels * length]. */
    public double[][] standardised(SpectrumDataset data) {
        return scaler.transform(transformed(data, inputs, grid, log10, logOffset));
    }

    /** Transformed but unscaled features; refuses datasets whose grid or targets differ from the model's. */
    static double[][] transformed(SpectrumDataset data, List<String> names, double[] grid, boolean log10, double offset) {
        if (data.grid() == null || !Arrays.equals(data.grid(), grid)) {
            throw new IllegalArgumentException("the dataset's k grid (" + (data.grid() == null ? "none" : data.grid().length + " values")
                    + ") differs from the model's (" + grid.length + " values): clean both with the same study");
        }
        int n = data.size();
        int length = grid.length;
        double[][] out = new double[n][names.size() * length];
        for (int c = 0; c < names.size(); c++) {
            Target target = data.target(names.get(c));
            for (int i = 0; i < n; i++) {
                double[] row = target.values()[i];
                for (int j = 0; j < length; j++) {
                    out[i][c * length + j] = transform(row[j], target, log10, offset, i, j);
                }
            }
        }
        return out;
    }

    private static double transform(double value, Target target, boolean log10, double offset, int row, int column) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("target " + target.name() + " has a non-finite value " + value + " (row " + row
                    + ", column " + column + "): give the cleaned splits");
        }
        if (!log10 || target.log10()) {
            return value;
        }
        double shifted = value + offset;
        if (!(shifted > 0)) {
            throw new IllegalArgumentException("target " + target.name() + " has the value " + value + " (row " + row + ", column "
                    + column + "): log10(value + log_offset " + offset + ") is undefined; raise log_offset or use input_transform: linear");
        }
        return Math.log10(shifted);
    }
}
