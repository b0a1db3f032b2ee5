package io.emuflow.ml.inverse;

import io.emuflow.data.BoxColumn;
import io.emuflow.data.BoxSpec;
import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.data.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Toy halo boxes whose content encodes the parameters, in the layout of the halo-boxes simulator: per cell a
 * Poisson number of halos whose mean grows with Omega_m (0.3 to 2.3 halos per cell over the range), each halo of
 * mass 10^(12 + 2 (sigma_8 - 0.6) / 0.4) M_sun/h times a log-normal scatter (so the summed mass encodes sigma_8 given
 * the count), and a mean speed of 300 sigma_8 km/s times a scatter in occupied cells (0 in empty ones). A network
 * reading nhalo can learn Omega_m, one reading mass or speed can learn sigma_8.
 */
final class SyntheticBoxData {
    static final String STUDY = "toy-boxes";
    static final List<Parameter> PARAMETERS = List.of(
            new Parameter("Omega_m", "", 0.1, 0.5),
            new Parameter("sigma_8", "", 0.6, 1.0));

    private SyntheticBoxData() {}

    static SpectrumDataset draw(int n, int dim, long seed) {
        return draw(n, dim, seed, List.of("mass", "nhalo", "speed"));
    }

    /** n samples of boxes of dim^3 cells, with only the named channels. */
    static SpectrumDataset draw(int n, int dim, long seed, List<String> names) {
        SplittableRandom random = new SplittableRandom(seed);
        int cells = dim * dim * dim;
        long[] index = new long[n];
        double[][] params = new double[n][];
        float[][] nhalo = new float[n][cells];
        float[][] mass = new float[n][cells];
        float[][] speed = new float[n][cells];
        for (int i = 0; i < n; i++) {
            index[i] = i;
            double om = 0.1 + 0.4 * random.nextDouble();
            double s8 = 0.6 + 0.4 * random.nextDouble();
            params[i] = new double[] {om, s8};
            double lambda = 0.3 + 2.0 * (om - 0.1) / 0.4;
            double logMass = 12 + 2 * (s8 - 0.6) / 0.4;
            for (int c = 0; c < cells; c++) {
                int count = poisson(lambda, random);
                nhalo[i][c] = count;
                double m = 0;
                for (int h = 0; h < count; h++) {
                    m += Math.pow(10, logMass + 0.1 * random.nextGaussian());
                }
                mass[i][c] = (float) m;
                speed[i][c] = count == 0 ? 0f : (float) (300 * s8 * (1 + 0.1 * random.nextGaussian()));
            }
        }
        Map<String, BoxColumn> boxes = new LinkedHashMap<>();
        Map<String, float[][]> all = Map.of("nhalo", nhalo, "mass", mass, "speed", speed);
        Map<String, String> units = Map.of("nhalo", "", "mass", "M_sun/h", "speed", "km/s");
        for (String name : names) {
            boxes.put(name, BoxColumn.inMemory(new BoxSpec(name, name, units.get(name), dim, 100.0 * dim / 32, 0.0), all.get(name)));
        }
        // a halo power spectrum for the dense baseline: clustering amplitude from sigma_8, shape from Omega_m, shot noise
        double[] grid = {0.02, 0.04, 0.08, 0.16, 0.32};
        double[][] phh = new double[n][grid.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < grid.length; j++) {
                phh[i][j] = 1e4 * params[i][1] * params[i][1] * Math.pow(grid[j] / 0.02, -1 - params[i][0]) + 300;
            }
        }
        Map<String, Target> targets = Map.of("P_hh", new Target("P_hh", "(Mpc/h)^3", false, phh));
        return new SpectrumDataset(STUDY, "split", index, PARAMETERS, params, grid, "h/Mpc", targets, Map.of(), boxes);
    }

    private static int poisson(double lambda, SplittableRandom random) {
        double limit = Math.exp(-lambda);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }

    static Map<String, Object> model(String name, List<String> boxes, Object... extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("network", "cnn3d");
        m.put("boxes", boxes);
        m.put("conv_filters", List.of(4, 8));
        m.put("hidden_layers", List.of(32));
        m.put("batch_size", 16);
        m.put("learning_rate", 3e-3);
        m.put("max_epochs", 3);
        for (int i = 0; i < extra.length; i += 2) {
            m.put((String) extra[i], extra[i + 1]);
        }
        return m;
    }
}
