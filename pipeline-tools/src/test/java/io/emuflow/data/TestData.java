package io.emuflow.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small synthetic datasets for the data-package tests: ids 0..n-1, two parameters, a positive spectrum on k. */
final class TestData {
    static final List<Parameter> PARAMETERS = List.of(new Parameter("A", "", 1, 2), new Parameter("n", "", 0.9, 1.1));

    private TestData() {}

    static double[] grid(int k) {
        double[] grid = new double[k];
        for (int j = 0; j < k; j++) {
            grid[j] = 1e-3 * Math.pow(10, 3.0 * j / Math.max(1, k - 1));
        }
        return grid;
    }

    /** P(k) = A k^n with A and n drawn from a seeded generator: positive, and different per row. */
    static SpectrumDataset spectra(int n, int k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] index = new long[n];
        double[][] params = new double[n][2];
        double[][] values = new double[n][k];
        double[] grid = grid(k);
        for (int i = 0; i < n; i++) {
            index[i] = i;
            params[i][0] = 1 + random.nextDouble();
            params[i][1] = 0.9 + 0.2 * random.nextDouble();
            for (int j = 0; j < k; j++) {
                values[i][j] = params[i][0] * Math.pow(grid[j], params[i][1]);
            }
        }
        Map<String, Target> targets = new LinkedHashMap<>();
        targets.put("P_lin", new Target("P_lin", "Mpc^3", false, values));
        return new SpectrumDataset("toy", "simulate", index, PARAMETERS, params, grid, "1/Mpc", targets, Map.of());
    }

    static double[][] copy(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    /** The same dataset with its target values replaced. */
    static SpectrumDataset withValues(SpectrumDataset d, double[][] params, double[][] values) {
        Map<String, Target> targets = new LinkedHashMap<>();
        Target t = d.targets().values().iterator().next();
        targets.put(t.name(), new Target(t.name(), t.units(), t.log10(), values));
        return new SpectrumDataset(d.study(), d.step(), d.index(), d.parameters(), params, d.grid(), d.gridUnits(), targets, d.scalers());
    }
}
