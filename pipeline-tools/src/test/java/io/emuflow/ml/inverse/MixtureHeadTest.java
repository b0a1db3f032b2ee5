package io.emuflow.ml.inverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** The NLL of the Gaussian and mixture heads against closed forms and finite differences; its numerical stability. */
class MixtureHeadTest {
    private static double[] randomRow(MixtureHead head, SplittableRandom r) {
        double[] row = new double[head.width()];
        for (int j = 0; j < row.length; j++) {
            row[j] = -1.5 + 3 * r.nextDouble();
        }
        return row;
    }

    private static double[] randomY(int p, SplittableRandom r) {
        double[] y = new double[p];
        for (int j = 0; j < p; j++) {
            y[j] = -2 + 4 * r.nextDouble();
        }
        return y;
    }

    @Test
    void gaussianNllIsTheClosedForm() {
        MixtureHead head = new MixtureHead(3, 1, 1e-6);
        SplittableRandom r = new SplittableRandom(1);
        for (int t = 0; t < 20; t++) {
            double[] row = randomRow(head, r);
            double[] y = randomY(3, r);
            double expected = 0;
            for (int p = 0; p < 3; p++) {
                double sigma = Math.sqrt(1e-6 + Math.exp(row[2 * p + 1])); // block [mu, log-variance]
                expected -= new NormalDistribution(row[2 * p], sigma).logDensity(y[p]);
            }
            assertEquals(expected, head.nll(row, y, null), 1e-10 * Math.max(1, Math.abs(expected)));
        }
    }

    @Test
    void mixtureNllIsMinusTheLogOfTheWeightedSum() {
        int K = 4;
        MixtureHead head = new MixtureHead(2, K, 1e-6);
        SplittableRandom r = new SplittableRandom(2);
        for (int t = 0; t < 20; t++) {
            double[] row = randomRow(head, r);
            double[] y = randomY(2, r);
            double expected = 0;
            for (int p = 0; p < 2; p++) {
                int o = p * 3 * K;
                double norm = 0;
                for (int k = 0; k < K; k++) {
                    norm += Math.exp(row[o + 2 * K + k]);
                }
                double density = 0;
                for (int k = 0; k < K; k++) {
                    double pi = Math.exp(row[o + 2 * K + k]) / norm; // Bishop 1994 eq. 25
                    density += pi * new NormalDistribution(row[o + k], Math.sqrt(1e-6 + Math.exp(row[o + K + k]))).density(y[p]);
                }
                expected -= Math.log(density);
            }
            assertEquals(expected, head.nll(row, y, null), 1e-10 * Math.max(1, Math.abs(expected)));
            Mixture1D[] decoded = head.decode(row);
            double sum = 0;
            for (double w : decoded[0].weights()) {
                sum += w;
            }
            assertEquals(1, sum, 1e-12);
        }
    }

    @Test
    void gradientMatchesCentralFiniteDifferences() {
        for (int K : new int[] {1, 3}) {
            MixtureHead head = new MixtureHead(3, K, 1e-6);
            SplittableRandom r = new SplittableRandom(3 + K);
            for (int t = 0; t < 10; t++) {
                double[] row = randomRow(head, r);
                double[] y = randomY(3, r);
                double[] gradient = new double[row.length];
                head.nll(row, y, gradient);
                for (int j = 0; j < row.length; j++) {
                    double h = 1e-6;
                    double[] up = row.clone();
                    double[] down = row.clone();
                    up[j] += h;
                    down[j] -= h;
                    double numeric = (head.nll(up, y, null) - head.nll(down, y, null)) / (2 * h);
                    assertEquals(numeric, gradient[j], 1e-6 * Math.max(1, Math.abs(numeric)), "K " + K + ", output " + j);
                }
            }
        }
    }

    @Test
    void extremeOutputsStayFinite() {
        MixtureHead head = new MixtureHead(1, 3, 1e-6);
        // collapsed variances (log-variance -200: the floor holds), huge logits, a far-away value, an overflowing log-variance
        double[] row = {0, 1, 2, -200, -200, 500, 1000, -1000, 0};
        for (double y : new double[] {0, 1e3, -1e6}) {
            double[] gradient = new double[row.length];
            double nll = head.nll(row, new double[] {y}, gradient);
            assertTrue(Double.isFinite(nll), "nll at y = " + y);
            for (double g : gradient) {
                assertTrue(Double.isFinite(g), "gradient at y = " + y);
            }
        }
        // at y = mu_1 with the floor's variance, the NLL is that of N(0, 1e-6) weighted by pi_1 ~ 1
        assertEquals(-new NormalDistribution(0, 1e-3).logDensity(0), head.nll(row, new double[] {0}, null), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> head.nll(new double[4], new double[] {0}, null));
        assertThrows(IllegalArgumentException.class, () -> new MixtureHead(1, 0, 1e-6));
    }
}
