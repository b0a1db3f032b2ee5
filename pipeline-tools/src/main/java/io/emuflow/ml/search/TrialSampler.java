package io.emuflow.ml.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Proposes the settings of trial N. Random search draws every dimension uniformly (log-uniformly for log
 * ranges). The Tree-structured Parzen Estimator (Bergstra et al. 2011, NeurIPS, "Algorithms for
 * Hyper-Parameter Optimization", section 4) splits the finished trials at the {@code GAMMA} quantile of the
 * validation loss into good and bad, models each dimension's good and bad densities l(x), g(x) with Parzen
 * windows (plus the prior), draws candidates from l and keeps the one with the largest l(x)/g(x).
 *
 * <p>The proposal depends only on (seed, trial index, the finished trials sorted by index), so that the same
 * Nextflow task gives the same settings when it is re-run.
 */
public final class TrialSampler {
    static final double GAMMA = 0.25;
    static final int CANDIDATES = 24;

    private TrialSampler() {}

    /** A finished trial: its point in the space and its validation loss. */
    public record Observation(int trialIndex, Map<String, Object> point, double validationLoss) {}

    public static Map<String, Object> propose(SearchSpace space, int trialIndex, long seed, List<Observation> finished) {
        if (trialIndex < 0 || trialIndex >= space.trials()) {
            throw new IllegalArgumentException("trial index " + trialIndex + " is outside the search's 0.." + (space.trials() - 1));
        }
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (trialIndex + 1)));
        List<Observation> usable = new ArrayList<>();
        for (Observation o : finished) {
            if (Double.isFinite(o.validationLoss()) && o.trialIndex() != trialIndex) {
                usable.add(o);
            }
        }
        usable.sort(Comparator.comparingInt(Observation::trialIndex));
        boolean model = space.sampler().equals("tpe") && trialIndex >= space.startupTrials() && usable.size() >= 2;
        Map<String, Object> point = new LinkedHashMap<>();
        for (SearchSpace.Dimension d : space.dimensions()) {
            point.put(d.key(), model ? tpe(d, usable, random) : uniform(d, random));
        }
        return point;
    }

    static Object uniform(SearchSpace.Dimension d, SplittableRandom random) {
        if (d.categorical()) {
            return d.choices().get(random.nextInt(d.choices().size()));
        }
        if (d.integer() && !d.log()) {
            return (int) d.low() + random.nextInt((int) d.high() - (int) d.low() + 1);
        }
        if (d.integer()) {
            // log-uniform integers: floor(exp(u)) with u uniform in [log low, log(high + 1)) gives every end point its share
            double u = Math.log(d.low()) + (Math.log(d.high() + 1) - Math.log(d.low())) * random.nextDouble();
            return (int) Math.min(d.high(), Math.max(d.low(), Math.floor(Math.exp(u))));
        }
        double lo = d.internalLow();
        double hi = d.internalHigh();
        return d.fromInternal(lo + (hi - lo) * random.nextDouble());
    }

    static Object tpe(SearchSpace.Dimension d, List<Observation> observations, SplittableRandom random) {
        List<Observation> sorted = new ArrayList<>(observations);
        sorted.sort(Comparator.comparingDouble(Observation::validationLoss).thenComparingInt(Observation::trialIndex));
        int nGood = Math.max(1, (int) Math.ceil(GAMMA * sorted.size()));
        double[] good = values(d, sorted.subList(0, nGood));
        double[] bad = values(d, sorted.subList(nGood, sorted.size()));
        double best = Double.NEGATIVE_INFINITY;
        double chosen = Double.NaN;
        Parzen l = null;
        Parzen g = null;
        if (!d.categorical()) {
            double[] b = bounds(d);
            l = Parzen.of(good, b[0], b[1]);
            g = Parzen.of(bad, b[0], b[1]);
        }
        for (int c = 0; c < CANDIDATES; c++) {
            double x = d.categorical() ? sampleCategorical(good, d.choices().size(), random) : l.sample(random);
            double score = d.categorical()
                    ? Math.log(categorical(good, d.choices().size(), x)) - Math.log(categorical(bad, d.choices().size(), x))
                    : Math.log(l.density(x)) - Math.log(g.density(x));
            if (score > best) {
                best = score;
                chosen = x;
            }
        }
        return d.fromInternal(chosen);
    }

    private static double[] values(SearchSpace.Dimension d, List<Observation> observations) {
        List<Double> out = new ArrayList<>();
        for (Observation o : observations) {
            Object v = o.point().get(d.key());
            if (v != null) {
                double internal = d.toInternal(v);
                if (!(d.categorical() && internal < 0)) {
                    out.add(internal);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Categorical: counts plus one pseudo-count per choice (the prior). */
    private static double categorical(double[] values, int k, double x) {
        double count = 1;
        for (double v : values) {
            if (v == x) {
                count++;
            }
        }
        return count / (values.length + k);
    }

    private static double sampleCategorical(double[] values, int k, SplittableRandom random) {
        double u = random.nextDouble() * (values.length + k);
        for (int i = 0; i < k; i++) {
            u -= categorical(values, k, i) * (values.length + k);
            if (u < 0) {
                return i;
            }
        }
        return k - 1;
    }

    /**
     * Adaptive Parzen estimator as in hyperopt (Bergstra et al. 2011, section 4.1): one Gaussian per observation
     * plus a prior Gaussian at the middle of the range with the range as its width; each Gaussian's width is the
     * larger distance to its neighbours, clipped to [range / min(100, n + 1), range]. Truncated to [lo, hi].
     */
    record Parzen(double[] mu, double[] sigma, double lo, double hi) {
        static Parzen of(double[] values, double lo, double hi) {
            int n = values.length;
            double[] mu = new double[n + 1];
            System.arraycopy(values, 0, mu, 0, n);
            mu[n] = 0.5 * (lo + hi);
            double[] sorted = mu.clone();
            java.util.Arrays.sort(sorted);
            double range = hi - lo;
            double minSigma = range / Math.min(100.0, n + 1.0);
            double[] sigma = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                if (i == n) {
                    sigma[i] = range;
                    continue;
                }
                int pos = java.util.Arrays.binarySearch(sorted, mu[i]);
                double left = pos > 0 ? mu[i] - sorted[pos - 1] : mu[i] - lo;
                double right = pos < n ? sorted[pos + 1] - mu[i] : hi - mu[i];
                sigma[i] = Math.min(range, Math.max(minSigma, Math.max(left, right)));
            }
            return new Parzen(mu, sigma, lo, hi);
        }

        double density(double x) {
            double sum = 0;
            for (int i = 0; i < mu.length; i++) {
                double z = (x - mu[i]) / sigma[i];
                double mass = Phi((hi - mu[i]) / sigma[i]) - Phi((lo - mu[i]) / sigma[i]);
                sum += Math.exp(-0.5 * z * z) / (sigma[i] * Math.sqrt(2 * Math.PI) * Math.max(mass, 1e-12));
            }
            return sum / mu.length;
        }

        double sample(SplittableRandom random) {
            int i = random.nextInt(mu.length);
            for (int attempt = 0; attempt < 1000; attempt++) {
                double x = mu[i] + sigma[i] * random.nextGaussian();
                if (x >= lo && x <= hi) {
                    return x;
                }
            }
            return Math.min(hi, Math.max(lo, mu[i]));
        }

        private static double Phi(double z) {
            return 0.5 * org.apache.commons.math3.special.Erf.erfc(-z / Math.sqrt(2));
        }
    }

    /** Bounds of a numeric dimension in the working space; integers get half a step on each side. */
    private static double[] bounds(SearchSpace.Dimension d) {
        if (d.integer()) {
            return d.log() ? new double[] {Math.log(d.low() - 0.5 > 0 ? d.low() - 0.5 : d.low()), Math.log(d.high() + 0.5)}
                    : new double[] {d.low() - 0.5, d.high() + 0.5};
        }
        return new double[] {d.internalLow(), d.internalHigh()};
    }
}
