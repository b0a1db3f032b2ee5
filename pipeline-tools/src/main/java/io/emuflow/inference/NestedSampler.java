package io.emuflow.inference;

import io.emuflow.progress.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Nested sampling for the evidence Z = integral of L(theta) pi(theta) d theta (Skilling 2006, Bayesian Analysis 1,
 * 833), in its simplest form, on the unit hypercube of the prior (a {@code prior transform} maps u in [0,1]^d to
 * theta so that u uniform gives theta ~ pi):
 * <ol>
 * <li>n live points drawn from the prior. At iteration i the live point of lowest likelihood L_i is removed; the
 * prior volume shrinks as X_i = exp(-i/n) (Skilling eq. 10's mean of log t = -1/n), the point's weight is
 * w_i = X_{i-1} - X_i and Z accumulates L_i w_i (Skilling's sum Z = sum L_i w_i, section 4).</li>
 * <li>The information H = integral of P log(P / pi) is updated with each point as in Skilling's example program
 * (section 9); the error of log Z is sqrt(H / n) (Skilling section 5, eq. 17).</li>
 * <li>A replacement point is drawn from the prior constrained to L &gt; L_i by a random walk that starts from a copy of
 * a randomly chosen other live point: {@code walkSteps} Metropolis steps u' = u + s sigma_d N(0,1) per coordinate
 * (sigma_d the spread of the live points along d, s adapted as in Sivia &amp; Skilling 2006's "explore": grown
 * after more accepts than rejects, shrunk otherwise), accepting u' when it lies in the cube and L(u') &gt; L_i.</li>
 * <li>The run ends when the live points can add at most a fraction {@code tolerance} to Z
 * (max L_live X_i &lt; tolerance Z); the live points are then added with weight X_i / n each.</li>
 * </ol>
 * The random walk is sequential, so each likelihood call holds one point (a batch of one).
 */
public final class NestedSampler {
    public record Settings(int livePoints, int walkSteps, double tolerance, int maxIterations, long seed) {
        public Settings {
            if (livePoints < 2 || walkSteps < 1 || !(tolerance > 0) || maxIterations < 1) {
                throw new IllegalArgumentException("nested sampling needs >= 2 live points, >= 1 walk step, a positive tolerance"
                        + " and >= 1 iteration");
            }
        }
    }

    /**
     * A finished run: the dead (and final live) points with their log weights (log of L w / Z is
     * logWeight - logZ), log Z and its error sqrt(H / n).
     */
    public record Result(double[][] samples, double[] logLikelihood, double[] logWeight, double logZ, double logZError,
            double information, int iterations, boolean converged, long evaluations, double seconds) {
        /** Normalised posterior weights of {@link #samples}. */
        public double[] weights() {
            double[] w = new double[logWeight.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.exp(logWeight[i] - logZ);
            }
            return w;
        }
    }

    private final Settings settings;

    public NestedSampler(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param logLikelihood log L for rows of theta
     * @param transform unit cube -> theta (the prior)
     */
    public Result run(BatchLogDensity logLikelihood, UnaryOperator<double[]> transform, int dim) {
        long start = System.nanoTime();
        int n = settings.livePoints();
        SplittableRandom random = new SplittableRandom(settings.seed());
        double[][] u = new double[n][dim];
        double[][] theta = new double[n][];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                u[i][d] = random.nextDouble();
            }
            theta[i] = transform.apply(u[i]);
        }
        double[] logL = logLikelihood.evaluate(theta);
        long evaluations = n;
        List<double[]> samples = new ArrayList<>();
        List<Double> sampleLogL = new ArrayList<>();
        List<Double> sampleLogW = new ArrayList<>();
        double logZ = Double.NEGATIVE_INFINITY;
        double h = 0;
        // log of the shell width X_{i-1} - X_i = X_{i-1} (1 - e^{-1/n})
        double logShell = Math.log(-Math.expm1(-1.0 / n));
        double scale = 1.0;
        boolean converged = false;
        int iteration = 0;
        try (Progress progress = Progress.upTo("infer: nested sampling with " + n + " live points", settings.maxIterations(), "iterations")) {
            while (iteration < settings.maxIterations()) {
                int worst = 0;
                double maxLogL = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    if (logL[i] < logL[worst]) {
                        worst = i;
                    }
                    maxLogL = Math.max(maxLogL, logL[i]);
                }
                double logX = -(double) iteration / n;
                if (iteration > 0 && maxLogL + logX < logZ + Math.log(settings.tolerance())) {
                    converged = true;
                    break;
                }
                double logWt = logX + logShell + logL[worst];
                double logZNew = logAdd(logZ, logWt);
                // Skilling 2006, section 9: H <- exp(logWt - logZnew) logL - logZnew + exp(logZ - logZnew) (H + logZ)
                h = Math.exp(logWt - logZNew) * logL[worst] - logZNew
                        + (Double.isInfinite(logZ) ? 0 : Math.exp(logZ - logZNew) * (h + logZ));
                logZ = logZNew;
                samples.add(theta[worst].clone());
                sampleLogL.add(logL[worst]);
                sampleLogW.add(logWt);
                iteration++;
                // replace the worst point by a constrained random walk from a copy of another live point
                double threshold = logL[worst];
                int copy = worst;
                while (n > 1 && copy == worst) {
                    copy = random.nextInt(n);
                }
                double[] spread = spread(u);
                double[] current = u[copy].clone();
                double[] currentTheta = theta[copy];
                double currentLogL = logL[copy];
                int accepts = 0;
                int rejects = 0;
                for (int s = 0; s < settings.walkSteps(); s++) {
                    double[] trial = new double[dim];
                    boolean inside = true;
                    for (int d = 0; d < dim; d++) {
                        trial[d] = current[d] + scale * spread[d] * gaussian(random);
                        inside &= trial[d] >= 0 && trial[d] < 1;
                    }
                    if (inside) {
                        double[] trialTheta = transform.apply(trial);
                        double trialLogL = logLikelihood.evaluate(new double[][] {trialTheta})[0];
                        evaluations++;
                        if (trialLogL > threshold) {
                            current = trial;
                            currentTheta = trialTheta;
                            currentLogL = trialLogL;
                            accepts++;
                            continue;
                        }
                    }
                    rejects++;
                }
                // Sivia & Skilling's step control: aim at about half the steps accepted
                if (accepts > rejects) {
                    scale *= Math.exp(1.0 / Math.max(accepts, 1));
                } else if (accepts < rejects) {
                    scale /= Math.exp(1.0 / Math.max(rejects, 1));
                }
                scale = Math.min(scale, 10);
                u[worst] = current;
                theta[worst] = currentTheta;
                logL[worst] = currentLogL;
                progress.step(String.format(Locale.ROOT, "log Z %.3f, log prior volume %.2f", logZ, -(double) iteration / n));
            }
        }
        // the remaining live points share the last prior volume X equally
        double logXFinal = -(double) iteration / n;
        for (int i = 0; i < n; i++) {
            double logWt = logXFinal - Math.log(n) + logL[i];
            double logZNew = logAdd(logZ, logWt);
            h = Math.exp(logWt - logZNew) * logL[i] - logZNew + Math.exp(logZ - logZNew) * (h + logZ);
            logZ = logZNew;
            samples.add(theta[i].clone());
            sampleLogL.add(logL[i]);
            sampleLogW.add(logWt);
        }
        double[] ll = sampleLogL.stream().mapToDouble(Double::doubleValue).toArray();
        double[] lw = sampleLogW.stream().mapToDouble(Double::doubleValue).toArray();
        double info = Math.max(h, 0);
        return new Result(samples.toArray(new double[0][]), ll, lw, logZ, Math.sqrt(info / n), info, iteration, converged,
                evaluations, (System.nanoTime() - start) / 1e9);
    }

    private static double[] spread(double[][] u) {
        int dim = u[0].length;
        double[] out = new double[dim];
        for (int d = 0; d < dim; d++) {
            double mean = 0;
            for (double[] p : u) {
                mean += p[d];
            }
            mean /= u.length;
            double var = 0;
            for (double[] p : u) {
                var += (p[d] - mean) * (p[d] - mean);
            }
            out[d] = Math.max(Math.sqrt(var / u.length), 1e-12);
        }
        return out;
    }

    /** A standard normal draw by Box-Muller from the sampler's own generator (reproducible by seed). */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double m = Math.max(a, b);
        return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
    }
}
