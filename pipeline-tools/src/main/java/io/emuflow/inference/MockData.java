package io.emuflow.inference;

import io.emuflow.simulate.Simulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A mock galaxy-survey measurement of P(k): the simulator's spectrum at a fiducial cosmology on its own grid
 * points within [k_min, k_max], at one or more redshifts, with the Gaussian covariance of Feldman, Kaiser &amp;
 * Peacock 1994 (ApJ 426, 23; the band-power form of their eq. 2.3.2 used for Fisher forecasts, e.g. Tegmark 1997
 * PRL 79, 3806): diagonal, sigma^2(P_i) = 2 (P_i + 1/n)^2 / N_modes,i with N_modes,i = V k_i^2 dk_i / (2 pi^2) for a
 * survey of volume V and number density n (shot noise 1/n), the bin width dk_i between the geometric midpoints of
 * neighbouring grid points. Different redshift blocks are treated as independent volumes of V each.
 * By default the data are the fiducial spectrum itself (a noiseless mock: the posterior is then centred on the
 * truth up to prior and degeneracy effects); with a noise seed one Gaussian realisation of the covariance is added.
 */
public final class MockData {
    public record Survey(double volume, double numberDensity) {
        public Survey {
            if (!(volume > 0) || !(numberDensity > 0)) {
                throw new IllegalArgumentException("a survey needs a positive volume (Mpc^3) and number density (1/Mpc^3), got "
                        + volume + " and " + numberDensity);
            }
        }
    }

    private MockData() {}

    /**
     * @param names the simulator's parameter names in the order of {@code fiducial}
     * @param fiducial fiducial values (the z entry, if any, is replaced by each redshift)
     * @param redshifts one block per redshift (empty: one block, z taken from {@code fiducial} if the model has z)
     * @param noiseSeed null for a noiseless mock
     */
    public static DataVector make(Simulator simulator, List<String> names, double[] fiducial, double[] redshifts, double kMin,
            double kMax, Survey survey, Long noiseSeed) {
        double[] grid = simulator.grid();
        List<Integer> picked = new ArrayList<>();
        for (int j = 0; j < grid.length; j++) {
            if (grid[j] >= kMin && grid[j] <= kMax) {
                picked.add(j);
            }
        }
        if (picked.size() < 2) {
            throw new IllegalArgumentException("fewer than 2 of the simulator's grid points lie in [" + kMin + ", " + kMax + "] 1/Mpc (grid "
                    + grid[0] + ".." + grid[grid.length - 1] + ")");
        }
        int zIndex = names.indexOf("z");
        if (redshifts.length > 0 && zIndex < 0) {
            throw new IllegalArgumentException("redshifts given but the simulator takes no z");
        }
        int blocks = Math.max(1, redshifts.length);
        int m = picked.size();
        double[] k = new double[m * blocks];
        double[] z = redshifts.length == 0 ? null : new double[m * blocks];
        double[] value = new double[m * blocks];
        double[][] cov = new double[m * blocks][m * blocks];
        SplittableRandom random = noiseSeed == null ? null : new SplittableRandom(noiseSeed);
        for (int b = 0; b < blocks; b++) {
            double[] row = fiducial.clone();
            if (redshifts.length > 0) {
                row[zIndex] = redshifts[b];
            }
            double[] p = simulator.simulate(names, row)[targetIndex(simulator)];
            for (int i = 0; i < m; i++) {
                int j = picked.get(i);
                int at = b * m + i;
                k[at] = grid[j];
                if (z != null) {
                    z[at] = redshifts[b];
                }
                double lo = j > 0 ? Math.sqrt(grid[j - 1] * grid[j]) : grid[j] * grid[j] / Math.sqrt(grid[j] * grid[j + 1]);
                double hi = j < grid.length - 1 ? Math.sqrt(grid[j] * grid[j + 1]) : grid[j] * grid[j] / Math.sqrt(grid[j - 1] * grid[j]);
                double modes = survey.volume() * grid[j] * grid[j] * (hi - lo) / (2 * Math.PI * Math.PI);
                double shot = 1 / survey.numberDensity();
                cov[at][at] = 2 * (p[j] + shot) * (p[j] + shot) / modes;
                value[at] = p[j];
            }
        }
        if (random != null) {
            for (int i = 0; i < value.length; i++) {
                double u1 = 1 - random.nextDouble();
                double u2 = random.nextDouble();
                value[i] += Math.sqrt(cov[i][i]) * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            }
        }
        Map<String, Double> truth = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (i != zIndex || redshifts.length == 0) {
                truth.put(names.get(i), fiducial[i]);
            }
        }
        return new DataVector(k, z, value, cov, truth);
    }

    /** P_nl when the simulator makes it (halofit makes P_lin and P_nl), else its first target. */
    static int targetIndex(Simulator simulator) {
        for (int i = 0; i < simulator.targets().size(); i++) {
            if (simulator.targets().get(i).name().equals("P_nl")) {
                return i;
            }
        }
        return 0;
    }
}
