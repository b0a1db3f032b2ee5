package io.emuflow.ml.inverse;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calibration figures of predicted 1D posteriors against the true values of one parameter.
 *
 * <p>Probability integral transform u_i = F_i(y_i) (Dawid 1984; Gneiting, Balabdaoui and Raftery 2007, JRSS B 69,
 * 243): for calibrated predictive distributions u is uniform on [0, 1]. The central interval of level q is
 * [F^-1((1 - q)/2), F^-1((1 + q)/2)], so y_i lies inside it exactly when |u_i - 1/2| <= q/2: the empirical coverage
 * is read off the PIT values without inverting F. Uniformity is summarised by the histogram and by the
 * Kolmogorov-Smirnov distance sup |F_n(u) - u| of the PIT values.
 */
public final class Calibration {
    /** The central-interval levels reported: 68% and 95%. */
    public static final double[] LEVELS = {0.68, 0.95};
    /** Bins of the PIT histogram. */
    public static final int PIT_BINS = 10;

    private Calibration() {}

    /** u_i = F_i(y_i) for each sample. */
    public static double[] pit(Posterior1D[] posteriors, double[] truth) {
        check(posteriors.length, truth.length);
        double[] u = new double[truth.length];
        for (int i = 0; i < u.length; i++) {
            u[i] = posteriors[i].cdf(truth[i]);
        }
        return u;
    }

    /** Fraction of the samples whose true value lies in the central interval of level {@code level}. */
    public static double coverage(double[] pit, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("coverage level must be in (0, 1), got " + level);
        }
        if (pit.length == 0) {
            throw new IllegalArgumentException("no samples to score");
        }
        long inside = Arrays.stream(pit).filter(u -> Math.abs(u - 0.5) <= level / 2).count();
        return (double) inside / pit.length;
    }

    /** Counts of the PIT values in {@code bins} equal bins of [0, 1] (u = 1 falls in the last bin). */
    public static long[] histogram(double[] pit, int bins) {
        long[] counts = new long[bins];
        for (double u : pit) {
            counts[Math.min(bins - 1, Math.max(0, (int) Math.floor(u * bins)))]++;
        }
        return counts;
    }

    /** Kolmogorov-Smirnov distance of the PIT values from the uniform distribution. */
    public static double ksUniform(double[] pit) {
        double[] u = pit.clone();
        Arrays.sort(u);
        double d = 0;
        int n = u.length;
        for (int i = 0; i < n; i++) {
            d = Math.max(d, Math.max((i + 1.0) / n - u[i], u[i] - (double) i / n));
        }
        return d;
    }

    /** Mean over the samples of the width of the central interval of level {@code level}. */
    public static double meanWidth(Posterior1D[] posteriors, double level) {
        double sum = 0;
        for (Posterior1D m : posteriors) {
            sum += m.centralWidth(level);
        }
        return sum / posteriors.length;
    }

    /** Mean predicted standard deviation. */
    public static double meanStd(Mixture1D[] posteriors) {
        return Arrays.stream(posteriors).mapToDouble(Mixture1D::std).average().orElseThrow();
    }

    /**
     * The figures of one parameter: coverage_68 / coverage_95, mean_width_68 / mean_width_95, mean_std, pit_histogram
     * (counts), pit_ks.
     */
    public static Map<String, Object> summary(Mixture1D[] posteriors, double[] truth) {
        Map<String, Object> out = summary((Posterior1D[]) posteriors, truth);
        Map<String, Object> ordered = new LinkedHashMap<>();
        out.forEach((key, value) -> {
            if (key.equals("pit_histogram")) {
                ordered.put("mean_std", meanStd(posteriors));
            }
            ordered.put(key, value);
        });
        return ordered;
    }

    /**
     * The same figures for any posteriors (e.g. recalibrated ones, {@link RecalibratedPosterior}), without mean_std: a
     * recalibrated posterior is given by its CDF and quantiles, and its coverage and widths are what it is used for.
     */
    public static Map<String, Object> summary(Posterior1D[] posteriors, double[] truth) {
        double[] u = pit(posteriors, truth);
        Map<String, Object> out = new LinkedHashMap<>();
        for (double level : LEVELS) {
            int percent = (int) Math.round(level * 100);
            out.put("coverage_" + percent, coverage(u, level));
        }
        for (double level : LEVELS) {
            out.put("mean_width_" + (int) Math.round(level * 100), meanWidth(posteriors, level));
        }
        out.put("pit_histogram", histogram(u, PIT_BINS));
        out.put("pit_ks", ksUniform(u));
        return out;
    }

    private static void check(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException(a + " posteriors for " + b + " true values");
        }
        if (a == 0) {
            throw new IllegalArgumentException("no samples to score");
        }
    }
}
