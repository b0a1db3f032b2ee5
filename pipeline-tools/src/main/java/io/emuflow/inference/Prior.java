package io.emuflow.inference;

import org.apache.commons.math3.distribution.NormalDistribution;

/** The prior of one parameter: uniform on [lower, upper], Gaussian truncated to [lower, upper], or fixed. */
public sealed interface Prior {
    NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    /** log of the (normalised) density at x; -infinity outside the support. */
    double logDensity(double x);

    /** The value whose prior CDF is u (the nested sampler's prior transform). */
    double fromUnit(double u);

    /** Short description for logs and outputs, e.g. "uniform(62, 74)". */
    String describe();

    record Uniform(double lower, double upper) implements Prior {
        public Uniform {
            // infinite bounds stand for "the training box's bound" until ParameterSpace resolves them
            if (!(upper > lower)) {
                throw new IllegalArgumentException("a uniform prior needs lower < upper, got [" + lower + ", " + upper + "]");
            }
        }

        @Override
        public double logDensity(double x) {
            return x >= lower && x <= upper ? -Math.log(upper - lower) : Double.NEGATIVE_INFINITY;
        }

        @Override
        public double fromUnit(double u) {
            return lower + u * (upper - lower);
        }

        @Override
        public String describe() {
            return "uniform(" + lower + ", " + upper + ")";
        }
    }

    /** N(mean, sigma^2) truncated to [lower, upper] (the emulator's training box). */
    record Gaussian(double mean, double sigma, double lower, double upper) implements Prior {
        public Gaussian {
            if (!(sigma > 0) || !(upper > lower)) {
                throw new IllegalArgumentException("a Gaussian prior needs sigma > 0 and lower < upper, got sigma " + sigma);
            }
        }

        private double mass() {
            return NORMAL.cumulativeProbability((upper - mean) / sigma) - NORMAL.cumulativeProbability((lower - mean) / sigma);
        }

        @Override
        public double logDensity(double x) {
            if (x < lower || x > upper) {
                return Double.NEGATIVE_INFINITY;
            }
            double t = (x - mean) / sigma;
            return -0.5 * t * t - Math.log(sigma * Math.sqrt(2 * Math.PI) * mass());
        }

        @Override
        public double fromUnit(double u) {
            double a = NORMAL.cumulativeProbability((lower - mean) / sigma);
            double b = NORMAL.cumulativeProbability((upper - mean) / sigma);
            double p = Math.min(Math.max(a + u * (b - a), 1e-300), 1 - 1e-16);
            return Math.min(Math.max(mean + sigma * NORMAL.inverseCumulativeProbability(p), lower), upper);
        }

        @Override
        public String describe() {
            return "gaussian(" + mean + ", " + sigma + ") on [" + lower + ", " + upper + "]";
        }
    }

    record Fixed(double value) implements Prior {
        @Override
        public double logDensity(double x) {
            return x == value ? 0 : Double.NEGATIVE_INFINITY;
        }

        @Override
        public double fromUnit(double u) {
            return value;
        }

        @Override
        public String describe() {
            return "fixed(" + value + ")";
        }
    }
}
