package io.emuflow.ml.inverse;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.special.Erf;

/**
 * A one-dimensional mixture of Gaussians, p(y) = sum_k w_k N(y; mu_k, sigma_k^2) (Bishop 1994, "Mixture density
 * networks", eq. 22); one component is a Gaussian. The predicted posterior of one parameter of one sample: the
 * mixture heads predict one independent 1D mixture per parameter, so a sample's posterior is the product of them.
 */
public record Mixture1D(double[] weights, double[] means, double[] sigmas) implements Posterior1D {
    private static final double SQRT2 = Math.sqrt(2);

    public Mixture1D {
        if (weights.length == 0 || weights.length != means.length || weights.length != sigmas.length) {
            throw new IllegalArgumentException("a mixture needs as many weights, means and sigmas (" + weights.length + ", "
                    + means.length + ", " + sigmas.length + "), at least one");
        }
        for (int k = 0; k < weights.length; k++) {
            if (!(sigmas[k] > 0) || !(weights[k] >= 0)) {
                throw new IllegalArgumentException("mixture component " + k + " has weight " + weights[k] + " and sigma " + sigmas[k]);
            }
        }
    }

    /** A single Gaussian N(mean, sigma^2). */
    public static Mixture1D gaussian(double mean, double sigma) {
        return new Mixture1D(new double[] {1}, new double[] {mean}, new double[] {sigma});
    }

    public int components() {
        return weights.length;
    }

    /** The mixture's mean, sum_k w_k mu_k: the point estimate (it minimises the expected squared error). */
    public double mean() {
        double m = 0;
        for (int k = 0; k < weights.length; k++) {
            m += weights[k] * means[k];
        }
        return m;
    }

    /** The mixture's standard deviation: Var = sum_k w_k (sigma_k^2 + mu_k^2) - mean^2 (law of total variance). */
    public double std() {
        double m = mean();
        double v = 0;
        for (int k = 0; k < weights.length; k++) {
            double d = means[k] - m;
            v += weights[k] * (sigmas[k] * sigmas[k] + d * d);
        }
        return Math.sqrt(v);
    }

    /** Cumulative distribution F(y) = sum_k w_k Phi((y - mu_k) / sigma_k). */
    @Override
    public double cdf(double y) {
        double c = 0;
        for (int k = 0; k < weights.length; k++) {
            c += weights[k] * 0.5 * Erf.erfc(-(y - means[k]) / (sigmas[k] * SQRT2));
        }
        return c;
    }

    /** Density p(y) = sum_k w_k N(y; mu_k, sigma_k^2). */
    public double density(double y) {
        double d = 0;
        for (int k = 0; k < weights.length; k++) {
            double z = (y - means[k]) / sigmas[k];
            d += weights[k] * Math.exp(-0.5 * z * z) / (sigmas[k] * Math.sqrt(2 * Math.PI));
        }
        return d;
    }

    /**
     * The quantile F^-1(q), 0 &lt; q &lt; 1: closed form for one component; for a mixture Newton steps on F(y) - q inside a
     * bracket that shrinks every step, with a bisection step whenever Newton would leave it (F is continuous and
     * increasing, so the bracket always holds the root). Recalibrated posteriors draw by inverting F, so this is on TARP's
     * hot path: Newton takes a handful of CDF evaluations where bisection takes about 50.
     */
    @Override
    public double quantile(double q) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("quantile level must be in (0, 1), got " + q);
        }
        if (weights.length == 1) {
            return means[0] + sigmas[0] * SQRT2 * Erf.erfInv(2 * q - 1);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < weights.length; k++) {
            lo = Math.min(lo, means[k] - 40 * sigmas[k]);
            hi = Math.max(hi, means[k] + 40 * sigmas[k]);
        }
        double x = Math.min(hi, Math.max(lo, mean()));
        for (int it = 0; it < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi) + Math.abs(lo)); it++) {
            double f = cdf(x) - q;
            if (f == 0) {
                return x;
            }
            if (f < 0) {
                lo = x;
            } else {
                hi = x;
            }
            double step = f / density(x);
            double next = x - step;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            } else if (Math.abs(step) <= 1e-13 * Math.max(1, Math.abs(x))) {
                return next;
            }
            x = next;
        }
        return x;
    }

    /** Width of the central interval holding {@code level} of the probability, F^-1((1+level)/2) - F^-1((1-level)/2). */
    @Override
    public double centralWidth(double level) {
        return quantile(0.5 + level / 2) - quantile(0.5 - level / 2);
    }

    /** log p(y), by a log-sum-exp over the components. */
    public double logDensity(double y) {
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            double z = (y - means[k]) / sigmas[k];
            terms[k] = Math.log(weights[k]) - Math.log(sigmas[k]) - 0.5 * Math.log(2 * Math.PI) - 0.5 * z * z;
            max = Math.max(max, terms[k]);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }

    /** The same components with every sigma multiplied by {@code factor} (weights and means unchanged). */
    public Mixture1D widened(double factor) {
        double[] s = new double[sigmas.length];
        for (int k = 0; k < s.length; k++) {
            s[k] = sigmas[k] * factor;
        }
        return new Mixture1D(weights.clone(), means.clone(), s);
    }

    /** One draw: a component by its weight, then a Gaussian draw from it. */
    @Override
    public double sample(Random random) {
        double u = random.nextDouble();
        int k = 0;
        double cumulative = weights[0];
        while (u >= cumulative && k < weights.length - 1) {
            cumulative += weights[++k];
        }
        return means[k] + sigmas[k] * random.nextGaussian();
    }

    /** The same mixture in other units: y -> offset + scale y (scale > 0). */
    public Mixture1D affine(double offset, double scale) {
        double[] m = new double[means.length];
        double[] s = new double[sigmas.length];
        for (int k = 0; k < m.length; k++) {
            m[k] = offset + scale * means[k];
            s[k] = scale * sigmas[k];
        }
        return new Mixture1D(weights.clone(), m, s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mixture1D other && Arrays.equals(weights, other.weights) && Arrays.equals(means, other.means)
                && Arrays.equals(sigmas, other.sigmas);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(weights) + Arrays.hashCode(means)) + Arrays.hashCode(sigmas);
    }

    @Override
    public String toString() {
        return "Mixture1D" + Arrays.toString(weights) + Arrays.toString(means) + Arrays.toString(sigmas);
    }
}
