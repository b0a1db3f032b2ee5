package io.emuflow.ml.inverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Moments, CDF, quantiles and draws of a 1D Gaussian mixture. */
class Mixture1DTest {
    private static final Mixture1D BIMODAL = new Mixture1D(new double[] {0.3, 0.7}, new double[] {-2, 1}, new double[] {0.5, 1.5});

    @Test
    void momentsCdfAndQuantilesAgree() {
        assertEquals(0.3 * -2 + 0.7 * 1, BIMODAL.mean(), 1e-14);
        double second = 0.3 * (0.25 + 4) + 0.7 * (2.25 + 1);
        assertEquals(Math.sqrt(second - BIMODAL.mean() * BIMODAL.mean()), BIMODAL.std(), 1e-14);
        for (double q : new double[] {0.01, 0.16, 0.5, 0.84, 0.975}) {
            assertEquals(q, BIMODAL.cdf(BIMODAL.quantile(q)), 1e-10);
        }
        double h = 1e-5;
        for (double y : new double[] {-2.5, 0, 1.7}) {
            assertEquals((BIMODAL.cdf(y + h) - BIMODAL.cdf(y - h)) / (2 * h), Math.exp(BIMODAL.logDensity(y)), 1e-7);
        }
        Mixture1D g = Mixture1D.gaussian(3, 2);
        assertEquals(2 * 1.959963984540054 * 2, g.centralWidth(0.95), 1e-9);
        assertEquals(0.5, g.cdf(3), 1e-15);
    }

    @Test
    void drawsFollowTheMixture() {
        Random random = new Random(5);
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        int below = 0;
        for (int i = 0; i < n; i++) {
            double x = BIMODAL.sample(random);
            sum += x;
            sumSq += x * x;
            if (x < -1) {
                below++;
            }
        }
        double mean = sum / n;
        double std = Math.sqrt(sumSq / n - mean * mean);
        // Monte Carlo errors: std / sqrt(n) ~ 0.004 for the mean; 5 sigma tolerances
        assertEquals(BIMODAL.mean(), mean, 5 * BIMODAL.std() / Math.sqrt(n));
        assertEquals(BIMODAL.std(), std, 0.02);
        double p = BIMODAL.cdf(-1);
        assertEquals(p, (double) below / n, 5 * Math.sqrt(p * (1 - p) / n));
    }
}
