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

    /**
     * The dataset with two box columns, tb_z8 (D^3) and xHI_z8 ((D/2)^3), whose cells encode their sample id exactly
     * (id * 4096 + cell for T_b, and id + 0.25 for x_HI: float32 holds both exactly), so a test can tell which sample
     * a box row belongs to.
     */
    static SpectrumDataset withBoxes(SpectrumDataset d, int dim) {
        BoxSpec tb = new BoxSpec("tb_z8", "brightness_temperature", "mK", dim, 32.0, 8.0);
        BoxSpec xhi = new BoxSpec("xHI_z8", "neutral_fraction", "", dim / 2, 32.0, 8.0);
        float[][] tbRows = new float[d.size()][];
        float[][] xhiRows = new float[d.size()][];
        for (int i = 0; i < d.size(); i++) {
            tbRows[i] = tbBox(d.index()[i], dim);
            xhiRows[i] = new float[xhi.cells()];
            java.util.Arrays.fill(xhiRows[i], d.index()[i] + 0.25f);
        }
        Map<String, BoxColumn> boxes = new LinkedHashMap<>();
        boxes.put(tb.name(), BoxColumn.inMemory(tb, tbRows));
        boxes.put(xhi.name(), BoxColumn.inMemory(xhi, xhiRows));
        return d.withBoxes(boxes);
    }

    static float[] tbBox(long id, int dim) {
        float[] box = new float[dim * dim * dim];
        for (int c = 0; c < box.length; c++) {
            box[c] = id * 4096 + c;
        }
        return box;
    }

    /** Every box row of {@code d} holds the box of the sample id on the same row. */
    static void assertBoxesFollowIds(SpectrumDataset d) {
        int dim = d.boxes().get("tb_z8").spec().dim();
        for (int i = 0; i < d.size(); i++) {
            long id = d.index()[i];
            org.junit.jupiter.api.Assertions.assertArrayEquals(tbBox(id, dim), d.boxes().get("tb_z8").row(i), "tb row " + i + " (id " + id + ")");
            float[] xhi = d.boxes().get("xHI_z8").row(i);
            for (float v : xhi) {
                org.junit.jupiter.api.Assertions.assertEquals(id + 0.25f, v, "xHI row " + i + " (id " + id + ")");
            }
        }
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
