package io.emuflow.ml.inverse;

import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.data.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Toy inverse data whose answer is known: two "redshift" spectra per sample that are smooth, invertible
 * functions of three parameters with the ranges of the 21-cm study, Delta^2_z(k) = A_z(zeta) k^{n(Tvir)}
 * exp(-k R / 10), so that a good network recovers every parameter (R^2 near 1). Parameters are uniform in
 * their ranges; with {@code zeroFraction} > 0 some samples get all-zero spectra at the second redshift (as a
 * fully ionised box), which the log10(value + offset) transform must survive.
 */
final class SyntheticInverseData {
    static final String STUDY = "toy-inverse";
    static final List<Parameter> PARAMETERS = List.of(
            new Parameter("HII_EFF_FACTOR", "", 5, 200),
            new Parameter("ION_Tvir_MIN", "log10 K", 4, 6),
            new Parameter("R_BUBBLE_MAX", "Mpc", 5, 20));
    static final double[] GRID = logspace(0.05, 1.5, 12);

    private SyntheticInverseData() {}

    static SpectrumDataset draw(int n, long seed, double zeroFraction) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] index = new long[n];
        double[][] params = new double[n][];
        double[][] z8 = new double[n][GRID.length];
        double[][] z9 = new double[n][GRID.length];
        for (int i = 0; i < n; i++) {
            index[i] = i;
            double zeta = 5 + 195 * random.nextDouble();
            double tvir = 4 + 2 * random.nextDouble();
            double r = 5 + 15 * random.nextDouble();
            params[i] = new double[] {zeta, tvir, r};
            boolean ionised = random.nextDouble() < zeroFraction;
            for (int j = 0; j < GRID.length; j++) {
                double k = GRID[j];
                double shape = Math.pow(k, 0.5 + 0.5 * (tvir - 4)) * Math.exp(-k * r / 10);
                z8[i][j] = ionised ? 0 : zeta * shape;
                z9[i][j] = 30 * Math.log(zeta) * shape * (1 + k);
            }
        }
        Map<String, Target> targets = new LinkedHashMap<>();
        targets.put("delta2_z8", new Target("delta2_z8", "mK^2", false, z8));
        targets.put("delta2_z9", new Target("delta2_z9", "mK^2", false, z9));
        return new SpectrumDataset(STUDY, "split", index, PARAMETERS, params, GRID, "1/Mpc", targets, Map.of());
    }

    static double[] column(double[][] rows, int j) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][j];
        }
        return out;
    }

    private static double[] logspace(double from, double to, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = from * Math.pow(to / from, i / (n - 1.0));
        }
        return out;
    }
}
