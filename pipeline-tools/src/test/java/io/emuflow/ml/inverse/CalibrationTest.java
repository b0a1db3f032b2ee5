package io.emuflow.ml.inverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Coverage, PIT and TARP on synthetic posteriors whose calibration is known: the truth is drawn from N(mu_i, sigma_i^2)
 * and the predicted posterior is N(mu_i, (c sigma_i)^2) with c = 1 (calibrated), 0.5 (overconfident) or 2
 * (underconfident).
 */
class CalibrationTest {
    private static final int N = 4000;
    private static final double[] LOWER = {-3, -3};
    private static final double[] UPPER = {3, 3};

    /** posteriors[i][p] with their truths; the means are spread over the box, the widths vary from sample to sample. */
    private static Object[] synthetic(double c, long seed) {
        Random r = new Random(seed);
        Mixture1D[][] posteriors = new Mixture1D[N][2];
        double[][] truth = new double[N][2];
        for (int i = 0; i < N; i++) {
            for (int p = 0; p < 2; p++) {
                double mu = -2 + 4 * r.nextDouble();
                double sigma = 0.05 + 0.3 * r.nextDouble();
                truth[i][p] = mu + sigma * r.nextGaussian();
                posteriors[i][p] = Mixture1D.gaussian(mu, c * sigma);
            }
        }
        return new Object[] {posteriors, truth};
    }

    private static Mixture1D[] column(Mixture1D[][] rows, int p) {
        Mixture1D[] out = new Mixture1D[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][p];
        }
        return out;
    }

    @Test
    void calibratedPosteriorsCoverAtNominalWithAUniformPit() {
        Object[] s = synthetic(1, 11);
        Mixture1D[][] posteriors = (Mixture1D[][]) s[0];
        double[][] truth = (double[][]) s[1];
        for (int p = 0; p < 2; p++) {
            Map<String, Object> m = Calibration.summary(column(posteriors, p), SyntheticInverseData.column(truth, p));
            // binomial errors sqrt(q (1 - q) / N): 0.0074 at 68%, 0.0034 at 95%; 4 sigma
            assertEquals(0.68, (Double) m.get("coverage_68"), 0.03);
            assertEquals(0.95, (Double) m.get("coverage_95"), 0.014);
            // KS distance of N uniform values: 1.36 / sqrt(N) = 0.022 at the 5% level
            assertTrue((Double) m.get("pit_ks") < 0.03, "KS " + m.get("pit_ks"));
            long[] counts = (long[]) m.get("pit_histogram");
            for (long count : counts) {
                assertEquals(N / 10.0, count, 4 * Math.sqrt(N * 0.1 * 0.9));
            }
        }
    }

    @Test
    void overAndUnderConfidentPosteriorsMissTheNominalCoverage() {
        for (double c : new double[] {0.5, 2}) {
            Object[] s = synthetic(c, 12);
            Mixture1D[] posteriors = column((Mixture1D[][]) s[0], 0);
            double[] truth = SyntheticInverseData.column((double[][]) s[1], 0);
            Map<String, Object> m = Calibration.summary(posteriors, truth);
            // the 68% interval of N(mu, (c sigma)^2) covers P(|z| < c) of the truth: 0.383 for c = 0.5, 0.954 for c = 2
            double expected = 2 * new org.apache.commons.math3.distribution.NormalDistribution().cumulativeProbability(c * 0.994457883) - 1;
            assertEquals(expected, (Double) m.get("coverage_68"), 0.03, "c = " + c);
            assertTrue((Double) m.get("pit_ks") > 0.1);
        }
    }

    @Test
    void sigmaScalingUndoesAKnownOverconfidence() {
        for (double c : new double[] {0.5, 2}) {
            Object[] s = synthetic(c, 14);
            Mixture1D[] posteriors = column((Mixture1D[][]) s[0], 1);
            double[] truth = SyntheticInverseData.column((double[][]) s[1], 1);
            double factor = SigmaScaling.fit(posteriors, truth);
            // posteriors c times too narrow or wide: the NLL-optimal factor is 1/c (grid step 1.8%, N = 4000: ~2% error)
            assertEquals(1 / c, factor, 0.05 / c, "c = " + c);
            assertEquals(0.68, Calibration.coverage(Calibration.pit(SigmaScaling.apply(posteriors, factor), truth), 0.68), 0.03);
        }
    }

    @Test
    void tarpIsDiagonalWhenCalibratedAndBelowWhenOverconfident() {
        double[] levels = Tarp.levels(20);
        Object[] calibrated = synthetic(1, 13);
        double[] f = Tarp.credibilities((Mixture1D[][]) calibrated[0], (double[][]) calibrated[1], LOWER, UPPER, 300, 1);
        double[] ecp = Tarp.expectedCoverage(f, levels);
        for (int a = 0; a < levels.length; a++) {
            // f is uniform: ECP(alpha) is a binomial fraction, sd <= 0.008 at N = 4000; 300 draws add a 1/300 grain
            assertEquals(levels[a], ecp[a], 0.035, "calibrated ECP at credibility " + levels[a]);
        }
        Object[] over = synthetic(0.5, 13);
        double[] ecpOver = Tarp.expectedCoverage(Tarp.credibilities((Mixture1D[][]) over[0], (double[][]) over[1], LOWER, UPPER, 300, 1), levels);
        Object[] under = synthetic(2, 13);
        double[] ecpUnder = Tarp.expectedCoverage(Tarp.credibilities((Mixture1D[][]) under[0], (double[][]) under[1], LOWER, UPPER, 300, 1), levels);
        // at high credibility (0.7 .. 0.95) too-narrow posteriors cover less than nominal, too-wide ones more
        for (int a = 14; a <= 19; a++) {
            assertTrue(ecpOver[a] < levels[a] - 0.04, "overconfident ECP " + ecpOver[a] + " at " + levels[a]);
            assertTrue(ecpUnder[a] > levels[a] + 0.02, "underconfident ECP " + ecpUnder[a] + " at " + levels[a]);
        }
        // same seed, same curve
        assertArrayEquals(f, Tarp.credibilities((Mixture1D[][]) calibrated[0], (double[][]) calibrated[1], LOWER, UPPER, 300, 1));
    }
}
