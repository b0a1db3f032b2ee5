package io.emuflow.ml.inverse;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Tests of Accuracy with Random Points (TARP; Lemos, Coogan, Hezaveh and Perreault-Levasseur 2023, ICML,
 * arXiv:2302.03026), a necessary and sufficient test of the calibration of joint posteriors from samples.
 *
 * <p>For each test pair (theta*_i, x_i): draw n samples theta_ij from the predicted posterior, draw a reference point
 * theta_r,i uniformly in the prior box, and compute f_i = (1/n) #{j : d(theta_ij, theta_r,i) < d(theta*_i, theta_r,i)}:
 * the credibility level of the smallest ball around theta_r,i that reaches the truth (Lemos et al. Algorithm 2).
 * The expected coverage probability is ECP(1 - alpha) = P(f < 1 - alpha), the empirical distribution function of f;
 * it equals the credibility level 1 - alpha for every alpha if and only if the posteriors are calibrated (their
 * Theorems 3-4). Distances are Euclidean in parameters normalised to [0, 1] by the prior box, as the reference
 * implementation (github.com/Ciela-Institute/tarp, norm=True) does. Random draws come from one seeded
 * java.util.Random, so the same seed gives the same curve.
 *
 * <p>Reading the curve: posteriors that are too narrow put f near 0 or 1 (the truth is outside nearly all of the
 * samples' spread), so the ECP falls below the diagonal at high credibility; posteriors that are too wide put f
 * near 1/2, so the ECP rises above it there.
 */
public final class Tarp {
    private Tarp() {}

    /** The f_i of each test pair. posteriors[i][p] is sample i's posterior of parameter p (independent across p). */
    public static double[] credibilities(Posterior1D[][] posteriors, double[][] truth, double[] lower, double[] upper, int draws, long seed) {
        if (posteriors.length != truth.length || posteriors.length == 0) {
            throw new IllegalArgumentException(posteriors.length + " posteriors for " + truth.length + " true values");
        }
        if (draws < 1) {
            throw new IllegalArgumentException("TARP needs at least one posterior draw per sample, got " + draws);
        }
        int dims = lower.length;
        for (int p = 0; p < dims; p++) {
            if (!(upper[p] > lower[p])) {
                throw new IllegalArgumentException("TARP prior box of parameter " + p + " is empty: [" + lower[p] + ", " + upper[p] + "]");
            }
        }
        Random random = new Random(seed);
        double[] f = new double[truth.length];
        double[] reference = new double[dims];
        for (int i = 0; i < truth.length; i++) {
            if (posteriors[i].length != dims || truth[i].length != dims) {
                throw new IllegalArgumentException("sample " + i + " has " + posteriors[i].length + " posteriors and " + truth[i].length
                        + " true values for " + dims + " parameters");
            }
            for (int p = 0; p < dims; p++) {
                reference[p] = random.nextDouble();
            }
            double truthDistance = 0;
            for (int p = 0; p < dims; p++) {
                double d = (truth[i][p] - lower[p]) / (upper[p] - lower[p]) - reference[p];
                truthDistance += d * d;
            }
            int closer = 0;
            for (int j = 0; j < draws; j++) {
                double distance = 0;
                for (int p = 0; p < dims; p++) {
                    double d = (posteriors[i][p].sample(random) - lower[p]) / (upper[p] - lower[p]) - reference[p];
                    distance += d * d;
                }
                if (distance < truthDistance) {
                    closer++;
                }
            }
            f[i] = (double) closer / draws;
        }
        return f;
    }

    /** ECP at each credibility level: the fraction of f_i below it. */
    public static double[] expectedCoverage(double[] credibilities, double[] levels) {
        double[] sorted = credibilities.clone();
        Arrays.sort(sorted);
        double[] ecp = new double[levels.length];
        for (int a = 0; a < levels.length; a++) {
            int below = lowerBound(sorted, levels[a]);
            ecp[a] = (double) below / sorted.length;
        }
        return ecp;
    }

    /** Number of values strictly below x in a sorted array. */
    private static int lowerBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Credibility levels 0, 1/m, ..., 1. */
    public static double[] levels(int m) {
        double[] out = new double[m + 1];
        for (int a = 0; a <= m; a++) {
            out[a] = (double) a / m;
        }
        return out;
    }

    /**
     * The TARP figures: credibility levels, ECP, the largest |ECP - credibility| and the ECP at 0.68 and 0.95, from
     * {@code draws} posterior samples per test pair.
     */
    public static Map<String, Object> summary(Posterior1D[][] posteriors, double[][] truth, double[] lower, double[] upper, int draws, long seed) {
        double[] f = credibilities(posteriors, truth, lower, upper, draws, seed);
        double[] levels = levels(50);
        double[] ecp = expectedCoverage(f, levels);
        double worst = 0;
        for (int a = 0; a < levels.length; a++) {
            worst = Math.max(worst, Math.abs(ecp[a] - levels[a]));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("draws", draws);
        out.put("seed", seed);
        out.put("references", "uniform in the prior box, parameters normalised to [0, 1]");
        out.put("ecp_68", expectedCoverage(f, new double[] {0.68})[0]);
        out.put("ecp_95", expectedCoverage(f, new double[] {0.95})[0]);
        out.put("max_deviation", worst);
        out.put("credibility", levels);
        out.put("ecp", ecp);
        return out;
    }
}
