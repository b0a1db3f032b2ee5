package io.emuflow.ml.inverse;

import java.util.Arrays;

/**
 * The recalibration map R: [0, 1] -> [0, 1] of one parameter, from the predicted CDF value p = F(y) to the observed
 * frequency of such values (quantile recalibration; Kuleshov, Fenner and Ermon 2018, "Accurate uncertainties for deep
 * learning using calibrated regression", ICML, Algorithm 1). Fitted on a held-out split's PIT values p_t = F_t(y_t):
 * the pairs (p_t, P(p_t)) with P(p) = #{t' : p_t' <= p} / T (their step 2) are fitted by isotonic regression
 * ({@link IsotonicRegression}, their step 3). The recalibrated CDF is R(F(y)), its quantile F^-1(R^-1(q)), and the
 * recalibrated central interval of level c is [F^-1(R^-1((1 - c)/2)), F^-1(R^-1((1 + c)/2))].
 *
 * <p>R is piecewise linear between knots (x_j, y_j), from (0, 0) to (1, 1): the fitted values at the distinct PIT
 * values of the held-out split, with the inner points of flat runs dropped (they do not change R). Linear
 * interpolation between the fitted points is what scikit-learn's IsotonicRegression predicts, which Kuleshov et al.'s
 * reference code uses. PIT values of exactly 0 or 1 (a truth far outside its posterior) count in P but are not knots:
 * R(0) = 0 and R(1) = 1 hold by construction, so every R^-1(q) with 0 &lt; q &lt; 1 is strictly inside (0, 1) and every
 * recalibrated quantile is finite.
 */
public final class QuantileMap {
    private final double[] x;
    private final double[] y;

    /** Knots from (0, 0) to (1, 1), x strictly increasing, y non-decreasing. */
    public QuantileMap(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("a quantile map needs as many x as y knots, at least 2 (got " + x.length + ", " + y.length + ")");
        }
        if (x[0] != 0 || y[0] != 0 || x[x.length - 1] != 1 || y[y.length - 1] != 1) {
            throw new IllegalArgumentException("a quantile map must run from (0, 0) to (1, 1)");
        }
        for (int j = 1; j < x.length; j++) {
            if (!(x[j] > x[j - 1]) || !(y[j] >= y[j - 1])) {
                throw new IllegalArgumentException("quantile map knot " + j + " (" + x[j] + ", " + y[j] + ") breaks the order");
            }
        }
        this.x = x.clone();
        this.y = y.clone();
    }

    /** The identity map (no recalibration). */
    public static QuantileMap identity() {
        return new QuantileMap(new double[] {0, 1}, new double[] {0, 1});
    }

    /** Kuleshov et al. Algorithm 1 on the PIT values of a held-out split. */
    public static QuantileMap fit(double[] pit) {
        int n = pit.length;
        if (n == 0) {
            throw new IllegalArgumentException("no PIT values to fit a quantile recalibration on");
        }
        double[] p = pit.clone();
        for (double v : p) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("PIT value " + v + " is outside [0, 1]");
            }
        }
        Arrays.sort(p);
        // distinct p with the empirical frequency P(p) = #{p_t <= p} / n: ties share the count of all of them
        double[] px = new double[n];
        double[] py = new double[n];
        double[] weight = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m > 0 && p[i] == px[m - 1]) {
                py[m - 1] = (i + 1.0) / n;
                weight[m - 1]++;
                continue;
            }
            px[m] = p[i];
            py[m] = (i + 1.0) / n;
            weight[m] = 1;
            m++;
        }
        double[] fitted = IsotonicRegression.fit(Arrays.copyOf(py, m), Arrays.copyOf(weight, m));
        double[] kx = new double[m + 2];
        double[] ky = new double[m + 2];
        int k = 1; // knot 0 is (0, 0)
        for (int i = 0; i < m; i++) {
            if (px[i] <= 0 || px[i] >= 1) {
                continue;
            }
            if (k >= 3 && ky[k - 1] == fitted[i] && ky[k - 2] == fitted[i]) {
                kx[k - 1] = px[i]; // the inner point of a flat run: moved, not added
                continue;
            }
            kx[k] = px[i];
            ky[k] = fitted[i];
            k++;
        }
        kx[k] = 1;
        ky[k] = 1;
        return new QuantileMap(Arrays.copyOf(kx, k + 1), Arrays.copyOf(ky, k + 1));
    }

    /** R(p), p in [0, 1]. */
    public double apply(double p) {
        if (p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return 1;
        }
        int j = Arrays.binarySearch(x, p);
        if (j >= 0) {
            return y[j];
        }
        int hi = -j - 1; // x[hi - 1] < p < x[hi]
        int lo = hi - 1;
        return y[lo] + (y[hi] - y[lo]) * (p - x[lo]) / (x[hi] - x[lo]);
    }

    /** R^-1(q) for 0 &lt; q &lt; 1: the smallest p with R(p) = q (R is continuous and runs from 0 to 1). */
    public double inverse(double q) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("recalibrated level must be in (0, 1), got " + q);
        }
        int lo = 0;
        int hi = y.length - 1; // y[0] = 0 < q <= 1 = y[last]: find the first knot with y >= q
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (y[mid] >= q) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return x[lo] + (x[hi] - x[lo]) * (q - y[lo]) / (y[hi] - y[lo]); // y[lo] < q <= y[hi]
    }

    public double[] x() {
        return x.clone();
    }

    public double[] y() {
        return y.clone();
    }

    /** Knots. */
    public int size() {
        return x.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantileMap other && Arrays.equals(x, other.x) && Arrays.equals(y, other.y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
    }
}
