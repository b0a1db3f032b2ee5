package io.emuflow.ml.inverse;

import java.util.Arrays;

/**
 * Weighted least-squares isotonic (non-decreasing) regression by the pool-adjacent-violators algorithm (Ayer, Brunk,
 * Ewing, Reid and Silverman 1955, Ann. Math. Statist. 26, 641; Barlow, Bartholomew, Bremner and Brunk 1972,
 * "Statistical inference under order restrictions", ch. 1; the algorithm as in de Leeuw, Hornik and Mair 2009,
 * J. Stat. Softw. 32(5), section 2). No isotonic regression is on the classpath (Commons Math 3 has none, Smile is not a
 * dependency), so this small one is here.
 *
 * <p>Given y_1..y_n in the order of their abscissae and weights w_i > 0, it returns the non-decreasing sequence f that
 * minimises sum_i w_i (y_i - f_i)^2: adjacent values that violate the order are pooled into blocks whose value is their
 * weighted mean, until no two adjacent blocks violate it. O(n) amortised.
 */
public final class IsotonicRegression {
    private IsotonicRegression() {}

    /** The fitted values, one per input, in the same order. */
    public static double[] fit(double[] y, double[] weights) {
        int n = y.length;
        if (weights.length != n) {
            throw new IllegalArgumentException(n + " values and " + weights.length + " weights for the isotonic regression");
        }
        double[] value = new double[n]; // the blocks, a stack: weighted mean, total weight, length
        double[] weight = new double[n];
        int[] length = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            if (!(weights[i] > 0) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("isotonic regression value " + i + " is " + y[i] + " with weight " + weights[i]);
            }
            value[blocks] = y[i];
            weight[blocks] = weights[i];
            length[blocks] = 1;
            blocks++;
            while (blocks > 1 && value[blocks - 2] >= value[blocks - 1]) { // pool a violator (and equal blocks: values strictly rise)
                double w = weight[blocks - 2] + weight[blocks - 1];
                value[blocks - 2] = (weight[blocks - 2] * value[blocks - 2] + weight[blocks - 1] * value[blocks - 1]) / w;
                weight[blocks - 2] = w;
                length[blocks - 2] += length[blocks - 1];
                blocks--;
            }
        }
        double[] out = new double[n];
        int i = 0;
        for (int b = 0; b < blocks; b++) {
            Arrays.fill(out, i, i + length[b], value[b]);
            i += length[b];
        }
        return out;
    }

    /** Unit weights. */
    public static double[] fit(double[] y) {
        double[] w = new double[y.length];
        Arrays.fill(w, 1);
        return fit(y, w);
    }
}
