package io.emuflow.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** R-hat, integrated autocorrelation time and ESS on AR(1) chains, whose autocorrelation is known exactly. */
class DiagnosticsTest {
    /** x_t = rho x_{t-1} + sqrt(1 - rho^2) e_t: stationary N(0, 1), autocorrelation rho^t, tau = (1 + rho) / (1 - rho). */
    static double[][] ar1(int chains, int steps, double rho, long seed, double[] offsets) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] out = new double[chains][steps];
        double s = Math.sqrt(1 - rho * rho);
        for (int c = 0; c < chains; c++) {
            double x = gaussian(random);
            for (int t = 0; t < steps; t++) {
                x = rho * x + s * gaussian(random);
                out[c][t] = x + (offsets == null ? 0 : offsets[c]);
            }
        }
        return out;
    }

    static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void integratedTimeOfAr1MatchesTheory() {
        for (double rho : new double[] {0.0, 0.5, 0.9}) {
            double expected = (1 + rho) / (1 - rho);
            double[][] chains = ar1(32, 20000, rho, 11, null);
            double tau = Diagnostics.integratedTime(chains);
            // the estimator's relative error is about sqrt(2 (2M + 1) / N) / ... (Sokal 1997): a few percent here
            assertEquals(expected, tau, 0.06 * expected, "rho " + rho);
            double ess = Diagnostics.effectiveSampleSize(chains);
            assertEquals(32 * 20000 / expected, ess, 0.06 * 32 * 20000 / expected, "ESS, rho " + rho);
        }
    }

    @Test
    void inverseNormalMatchesCommonsMath() {
        org.apache.commons.math3.distribution.NormalDistribution n = new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1);
        for (double p : new double[] {1e-9, 1e-4, 0.01, 0.02425, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1 - 1e-6}) {
            double expected = n.inverseCumulativeProbability(p);
            assertEquals(expected, Diagnostics.inverseNormal(p), 2e-9 * Math.max(1, Math.abs(expected)), "p " + p);
        }
    }

    @Test
    void autocorrelationIsRhoToTheLag() {
        double[] acf = Diagnostics.autocorrelation(ar1(1, 200000, 0.7, 3, null)[0]);
        assertEquals(1.0, acf[0], 1e-12);
        for (int t = 1; t <= 5; t++) {
            assertEquals(Math.pow(0.7, t), acf[t], 0.01, "lag " + t);
        }
    }

    @Test
    void splitRhatIsOneForStationaryChainsAndLargeForShiftedOnes() {
        double[][] good = ar1(8, 4000, 0.9, 5, null);
        double r = Diagnostics.splitRhat(good);
        assertTrue(r < 1.01 && r > 0.99, "stationary R-hat " + r);
        // chains whose means differ by one posterior sd: R-hat = sqrt(1 + B/W) with B/W about 0.25 (BDA3 eq. 11.4)
        double[] offsets = {-1, -0.5, 0, 0.5, 1, -1, 0.5, 0};
        double bad = Diagnostics.splitRhat(ar1(8, 4000, 0.9, 5, offsets));
        assertTrue(bad > 1.1, "shifted chains R-hat " + bad);
        // a chain that drifts (a trend) is caught by splitting it in halves even if every chain drifts alike
        double[][] drifting = ar1(8, 4000, 0.5, 9, null);
        for (double[] chain : drifting) {
            for (int t = 0; t < chain.length; t++) {
                chain[t] += 3.0 * t / chain.length;
            }
        }
        assertTrue(Diagnostics.splitRhat(drifting) > 1.1, "drifting chains");
    }
}
