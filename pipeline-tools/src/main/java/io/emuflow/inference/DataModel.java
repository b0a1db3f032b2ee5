package io.emuflow.inference;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The data vector predicted from sampled parameters: each point's spectrum comes from the model's grid, taken
 * at the grid point when k matches one (to 1e-6 relative), otherwise interpolated linearly in (log k, log P)
 * between the two neighbouring grid points. A data point with k outside the model's grid, or a z column the
 * model cannot take, is refused with one line. A data vector with several redshifts is one block per z: for a
 * batch of n parameter points the model is called once with n x blocks rows.
 */
public final class DataModel implements PredictiveModel {
    private final SpectrumModel model;
    private final ParameterSpace space;
    private final double[] redshifts;
    private final int zIndex;
    private final int[] block;
    private final int[] left;
    private final double[] weight;

    public DataModel(SpectrumModel model, ParameterSpace space, DataVector data) {
        this.model = model;
        this.space = space;
        List<String> names = model.parameterNames();
        if (!names.equals(space.names())) {
            throw new IllegalArgumentException("the parameter space " + space.names() + " is not the model's " + names);
        }
        this.redshifts = data.redshifts();
        this.zIndex = names.indexOf("z");
        if (data.z() != null) {
            if (zIndex < 0) {
                throw new IllegalArgumentException("the data vector has a z column but the model takes no z (it takes " + names + ")");
            }
            double[] box = space.bounds("z");
            for (double z : redshifts) {
                if (z < box[0] || z > box[1]) {
                    throw new IllegalArgumentException("the data vector's z = " + z + " lies outside the model's training box for z ["
                            + box[0] + ", " + box[1] + "]");
                }
            }
        }
        double[] grid = model.grid();
        int n = data.size();
        block = new int[n];
        left = new int[n];
        weight = new double[n];
        double lo = grid[0];
        double hi = grid[grid.length - 1];
        for (int i = 0; i < n; i++) {
            double k = data.k()[i];
            if (k < lo * (1 - 1e-9) || k > hi * (1 + 1e-9)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "the data vector has k = %.6g 1/Mpc (row %d), outside the grid the model predicts [%.6g, %.6g] 1/Mpc", k, i + 1, lo, hi));
            }
            block[i] = data.z() == null ? 0 : indexOf(redshifts, data.z()[i]);
            int j = Arrays.binarySearch(grid, k);
            if (j >= 0) {
                left[i] = j;
                weight[i] = 0;
                continue;
            }
            j = Math.max(0, Math.min(grid.length - 2, -j - 2));
            if (Math.abs(k / grid[j] - 1) < 1e-6) {
                left[i] = j;
                weight[i] = 0;
            } else if (Math.abs(k / grid[j + 1] - 1) < 1e-6) {
                left[i] = j + 1;
                weight[i] = 0;
            } else {
                left[i] = j;
                weight[i] = Math.log(k / grid[j]) / Math.log(grid[j + 1] / grid[j]);
            }
        }
    }

    private static int indexOf(double[] values, double v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        throw new IllegalStateException("redshift " + v + " not among " + Arrays.toString(values));
    }

    /** Number of data points. */
    @Override
    public int size() {
        return block.length;
    }

    /** Whether every data point lies on a grid point (no interpolation). */
    public boolean onGrid() {
        return Arrays.stream(weight).allMatch(w -> w == 0);
    }

    @Override
    public ParameterSpace space() {
        return space;
    }

    public SpectrumModel model() {
        return model;
    }

    /** Predicted data vectors for rows of free parameters, all in one model call. */
    @Override
    public double[][] predict(double[][] free) {
        int blocks = Math.max(1, redshifts.length);
        double[][] rows = new double[free.length * blocks][];
        for (int p = 0; p < free.length; p++) {
            double[] full = space.full(free[p]);
            for (int b = 0; b < blocks; b++) {
                double[] row = full.clone();
                if (redshifts.length > 0) {
                    row[zIndex] = redshifts[b];
                }
                rows[p * blocks + b] = row;
            }
        }
        double[][] spectra = model.spectra(rows);
        double[][] out = new double[free.length][block.length];
        for (int p = 0; p < free.length; p++) {
            for (int i = 0; i < block.length; i++) {
                double[] s = spectra[p * blocks + block[i]];
                double w = weight[i];
                if (w == 0) {
                    out[p][i] = s[left[i]];
                } else {
                    double a = s[left[i]];
                    double b = s[left[i] + 1];
                    out[p][i] = a > 0 && b > 0 ? Math.exp((1 - w) * Math.log(a) + w * Math.log(b)) : (1 - w) * a + w * b;
                }
            }
        }
        return out;
    }
}
