package io.emuflow.inference;

import java.util.Arrays;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;
import org.apache.commons.math3.complex.Complex;

/**
 * Convergence diagnostics of MCMC chains of one parameter, {@code chains[c][t]} (chain c, step t).
 * <ul>
 * <li>Integrated autocorrelation time as emcee 3 computes it ({@code emcee.autocorr.integrated_time}; Goodman &amp;
 * Weare 2010, section 3; Foreman-Mackey et al. 2013, section 3): the normalised autocorrelation function of each chain
 * (by FFT), averaged over chains, tau(M) = 1 + 2 sum_{t=1..M} rho(t), with Sokal's automatic window: the smallest M
 * with M &gt;= c tau(M), c = 5 (Sokal 1997, "Monte Carlo methods in statistical mechanics", eq. 3.19 and the window
 * rule after it).</li>
 * <li>Effective sample size: chains x steps / tau.</li>
 * <li>Split R-hat of Vehtari, Gelman, Simpson, Carpenter &amp; Buerkner 2021 (Bayesian Analysis 16, 667): every chain
 * cut in two halves, rank-normalised (their eq. 14: z = Phi^-1((r - 3/8) / (S + 1/4)) of the pooled ranks r), the
 * potential scale reduction sqrt(var+ / W) of their eqs. 1-4 (= Gelman et al. BDA3 eqs. 11.1-11.4), taken for the
 * bulk and for the folded draws |x - median| (section 4.3), and the larger of the two reported.</li>
 * </ul>
 */
public final class Diagnostics {
    /** Sokal's window constant as emcee uses it. */
    public static final double SOKAL_C = 5.0;

    private Diagnostics() {}

    /** Integrated autocorrelation time of chains of one parameter (emcee's estimator with Sokal's window). */
    public static double integratedTime(double[][] chains) {
        int n = chains[0].length;
        if (n < 2) {
            return Double.NaN;
        }
        double[] f = new double[n];
        for (double[] chain : chains) {
            double[] acf = autocorrelation(chain);
            for (int t = 0; t < n; t++) {
                f[t] += acf[t] / chains.length;
            }
        }
        // taus[M] = 2 * cumsum(f)[M] - 1 = 1 + 2 sum_{t=1..M} f(t); window: first M with M >= c * taus[M]
        double cumulative = 0;
        double tau = Double.NaN;
        for (int m = 0; m < n; m++) {
            cumulative += f[m];
            tau = 2 * cumulative - 1;
            if (m >= SOKAL_C * tau) {
                return tau;
            }
        }
        return tau; // no window found: the chain is too short for a reliable estimate (emcee raises; callers check N / tau)
    }

    /** Effective sample size: total draws over the integrated autocorrelation time. */
    public static double effectiveSampleSize(double[][] chains) {
        double tau = integratedTime(chains);
        double total = (double) chains.length * chains[0].length;
        if (!(tau > 0)) {
            return Double.NaN;
        }
        return total / Math.max(tau, 1e-12);
    }

    /**
     * Normalised autocorrelation function of one chain, rho(0) = 1, by FFT of the mean-subtracted chain padded to a
     * power of two at least twice its length (so the circular correlation equals the linear one).
     */
    public static double[] autocorrelation(double[] x) {
        int n = x.length;
        int size = Integer.highestOneBit(Math.max(1, 2 * n - 1));
        if (size < 2 * n) {
            size <<= 1;
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double[] padded = new double[size];
        for (int i = 0; i < n; i++) {
            padded[i] = x[i] - mean;
        }
        FastFourierTransformer fft = new FastFourierTransformer(DftNormalization.STANDARD);
        Complex[] spectrum = fft.transform(padded, TransformType.FORWARD);
        Complex[] power = new Complex[size];
        for (int i = 0; i < size; i++) {
            double re = spectrum[i].getReal();
            double im = spectrum[i].getImaginary();
            power[i] = new Complex(re * re + im * im, 0);
        }
        Complex[] back = fft.transform(power, TransformType.INVERSE);
        double[] acf = new double[n];
        double zero = back[0].getReal();
        for (int t = 0; t < n; t++) {
            acf[t] = zero > 0 ? back[t].getReal() / zero : (t == 0 ? 1 : 0);
        }
        return acf;
    }

    /** Rank-normalised split R-hat (Vehtari et al. 2021): the larger of the bulk and the folded (tail) value. */
    public static double splitRhat(double[][] chains) {
        double[][] halves = split(chains);
        double bulk = rhat(rankNormalise(halves));
        double[][] folded = new double[halves.length][];
        double median = median(halves);
        for (int c = 0; c < halves.length; c++) {
            folded[c] = new double[halves[c].length];
            for (int t = 0; t < halves[c].length; t++) {
                folded[c][t] = Math.abs(halves[c][t] - median);
            }
        }
        double tail = rhat(rankNormalise(folded));
        return Math.max(bulk, tail);
    }

    /** Every chain cut in its first and second half (an odd draw in the middle is dropped). */
    static double[][] split(double[][] chains) {
        int half = chains[0].length / 2;
        double[][] out = new double[2 * chains.length][];
        for (int c = 0; c < chains.length; c++) {
            int n = chains[c].length;
            out[2 * c] = Arrays.copyOfRange(chains[c], 0, half);
            out[2 * c + 1] = Arrays.copyOfRange(chains[c], n - half, n);
        }
        return out;
    }

    /** Potential scale reduction sqrt(((n-1)/n W + B/n) / W) (Vehtari et al. 2021 eqs. 1-4; BDA3 eqs. 11.1-11.4). */
    static double rhat(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double[] means = new double[m];
        double grand = 0;
        double w = 0;
        for (int c = 0; c < m; c++) {
            double mean = 0;
            for (double v : chains[c]) {
                mean += v;
            }
            mean /= n;
            means[c] = mean;
            grand += mean / m;
            double s2 = 0;
            for (double v : chains[c]) {
                s2 += (v - mean) * (v - mean);
            }
            w += s2 / (n - 1) / m;
        }
        double b = 0;
        for (double mean : means) {
            b += (mean - grand) * (mean - grand);
        }
        b *= (double) n / (m - 1);
        double varPlus = (n - 1.0) / n * w + b / n;
        return w > 0 ? Math.sqrt(varPlus / w) : Double.NaN;
    }

    /** Pooled ranks (average ranks for ties) mapped through Phi^-1((r - 3/8) / (S + 1/4)) (Vehtari et al. 2021 eq. 14). */
    static double[][] rankNormalise(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        int total = m * n;
        double[] sorted = new double[total];
        for (int c = 0; c < m; c++) {
            System.arraycopy(chains[c], 0, sorted, c * n, n);
        }
        Arrays.sort(sorted); // primitive sort: the ranks come from binary searches below
        double[][] out = new double[m][n];
        for (int c = 0; c < m; c++) {
            for (int t = 0; t < n; t++) {
                double v = chains[c][t];
                int first = lowerBound(sorted, v);
                int last = upperBound(sorted, v) - 1;
                double rank = (first + last) / 2.0 + 1; // 1-based average rank of a tie
                out[c][t] = inverseNormal((rank - 0.375) / (total + 0.25));
            }
        }
        return out;
    }

    /**
     * Phi^-1(p) by Acklam's rational approximation (relative error below 1.2e-9; P. J. Acklam 2003, "An algorithm for
     * computing the inverse normal cumulative distribution function"), some 20 times faster than Commons Math's
     * erfInv path, which matters for millions of draws.
     */
    static double inverseNormal(double p) {
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double median(double[][] chains) {
        double[] all = Arrays.stream(chains).flatMapToDouble(Arrays::stream).sorted().toArray();
        int n = all.length;
        return n % 2 == 1 ? all[n / 2] : 0.5 * (all[n / 2 - 1] + all[n / 2]);
    }
}
