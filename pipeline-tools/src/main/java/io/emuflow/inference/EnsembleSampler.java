package io.emuflow.inference;

import io.emuflow.progress.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The affine-invariant ensemble sampler of Goodman &amp; Weare 2010 (Comm. App. Math. Comp. Sci. 5, 65) with the
 * stretch move, in the parallel form of emcee (Foreman-Mackey, Hogg, Lang &amp; Goodman 2013, PASP 125, 306,
 * Algorithm 3): the walkers are split into two halves; every walker X_k of one half proposes
 * Y = X_j + Z (X_k - X_j) with X_j drawn from the other half (Goodman &amp; Weare eq. 7) and Z drawn from
 * g(z) proportional to 1/sqrt(z) on [1/a, a] (their eq. 9, a = 2), and is moved to Y with probability
 * min(1, Z^(d-1) p(Y) / p(X_k)) (their eq. 7). All proposals of a half are evaluated in one batch call.
 *
 * <p>The run stops when the second half of the chain (the first half is discarded as warm-up) passes the
 * {@link Convergence} criterion for every parameter, checked at multiples of {@code checkEvery} steps at least 10%
 * apart, and also holds at
 * least {@code minStepsOverTau} autocorrelation times (emcee's reliability rule for its tau estimate, tol = 50),
 * or at {@code maxSteps}, reporting that it did not converge. One {@link SplittableRandom} seeded once draws every
 * random number in a fixed order, so a seed and a deterministic density give a bit-identical chain.
 */
public final class EnsembleSampler {
    /** Sampler settings; {@code a} is the stretch scale (2 in Goodman &amp; Weare and emcee). */
    public record Settings(int walkers, double a, int maxSteps, int checkEvery, Convergence convergence, double minStepsOverTau, long seed) {
        public Settings {
            if (walkers < 4 || walkers % 2 != 0) {
                throw new IllegalArgumentException("the ensemble sampler needs an even number of walkers >= 4, got " + walkers);
            }
            if (!(a > 1) || maxSteps < 4 || checkEvery < 1) {
                throw new IllegalArgumentException("ensemble sampler: need a > 1, max steps >= 4 and check interval >= 1");
            }
        }
    }

    /**
     * A finished run.
     *
     * @param chain [step][walker][parameter], every step including the warm-up
     * @param logDensity [step][walker]
     * @param burnIn steps discarded as warm-up (the first half)
     */
    public record Result(double[][][] chain, double[][] logDensity, int burnIn, double acceptance, boolean converged,
            double[] rhat, double[] ess, double[] tau, long evaluations, double seconds) {
        public int steps() {
            return chain.length;
        }

        /** The kept draws (after warm-up), walker by walker within each step: [draw][parameter]. */
        public double[][] flatSamples() {
            int walkers = chain[0].length;
            double[][] out = new double[(chain.length - burnIn) * walkers][];
            int i = 0;
            for (int s = burnIn; s < chain.length; s++) {
                for (int w = 0; w < walkers; w++) {
                    out[i++] = chain[s][w];
                }
            }
            return out;
        }
    }

    private final Settings settings;

    public EnsembleSampler(Settings settings) {
        this.settings = settings;
    }

    public Result run(BatchLogDensity density, double[][] initial) {
        long start = System.nanoTime();
        int walkers = settings.walkers();
        if (initial.length != walkers) {
            throw new IllegalArgumentException("ensemble sampler: " + initial.length + " initial points for " + walkers + " walkers");
        }
        int dim = initial[0].length;
        SplittableRandom random = new SplittableRandom(settings.seed());
        double[][] x = new double[walkers][];
        for (int w = 0; w < walkers; w++) {
            x[w] = initial[w].clone();
        }
        double[] lp = density.evaluate(x);
        long evaluations = walkers;
        for (int w = 0; w < walkers; w++) {
            if (!(lp[w] > Double.NEGATIVE_INFINITY) || Double.isNaN(lp[w])) {
                throw new IllegalArgumentException("ensemble sampler: initial walker " + w + " has log density " + lp[w]);
            }
        }
        List<double[][]> chain = new ArrayList<>();
        List<double[]> logs = new ArrayList<>();
        int half = walkers / 2;
        long accepted = 0;
        double[] rhat = null;
        double[] ess = null;
        double[] tau = null;
        boolean converged = false;
        int lastCheck = 0;
        try (Progress progress = Progress.upTo("infer: ensemble of " + walkers + " walkers", settings.maxSteps(), "steps")) {
            for (int step = 1; step <= settings.maxSteps(); step++) {
                for (int part = 0; part < 2; part++) {
                    int from = part * half;
                    int other = (1 - part) * half;
                    double[][] proposals = new double[half][dim];
                    double[] logZ = new double[half];
                    for (int i = 0; i < half; i++) {
                        double[] xk = x[from + i];
                        double[] xj = x[other + random.nextInt(half)];
                        // inverse CDF of g(z) ~ 1/sqrt(z) on [1/a, a]: z = ((a - 1) u + 1)^2 / a
                        double u = random.nextDouble();
                        double z = Math.pow((settings.a() - 1) * u + 1, 2) / settings.a();
                        logZ[i] = (dim - 1) * Math.log(z);
                        for (int d = 0; d < dim; d++) {
                            proposals[i][d] = xj[d] + z * (xk[d] - xj[d]);
                        }
                    }
                    double[] lpNew = density.evaluate(proposals);
                    evaluations += half;
                    for (int i = 0; i < half; i++) {
                        double ratio = logZ[i] + lpNew[i] - lp[from + i];
                        if (!Double.isNaN(lpNew[i]) && Math.log(random.nextDouble()) < ratio) {
                            x[from + i] = proposals[i];
                            lp[from + i] = lpNew[i];
                            accepted++;
                        }
                    }
                }
                double[][] snapshot = new double[walkers][];
                for (int w = 0; w < walkers; w++) {
                    snapshot[w] = x[w].clone();
                }
                chain.add(snapshot);
                logs.add(lp.clone());
                // checks at multiples of checkEvery, at least 10% apart (their cost grows with the chain), and at the cap
                if ((step % settings.checkEvery() == 0 && step >= 1.1 * lastCheck) || step == settings.maxSteps()) {
                    lastCheck = step;
                    int burnIn = step / 2;
                    rhat = new double[dim];
                    ess = new double[dim];
                    tau = new double[dim];
                    converged = step - burnIn >= 4;
                    for (int d = 0; d < dim; d++) {
                        double[][] series = series(chain, burnIn, d);
                        rhat[d] = Diagnostics.splitRhat(series);
                        tau[d] = Diagnostics.integratedTime(series);
                        ess[d] = (double) walkers * (step - burnIn) / tau[d];
                        converged &= rhat[d] < settings.convergence().maxRhat() && ess[d] >= settings.convergence().minEss()
                                && (step - burnIn) >= settings.minStepsOverTau() * tau[d];
                    }
                    if (converged) {
                        progress.step(String.format(Locale.ROOT, "converged: max R-hat %.3f, min ESS %.0f", max(rhat), min(ess)));
                        break;
                    }
                }
                progress.step(rhat == null ? "" : String.format(Locale.ROOT, "at the last check: max R-hat %.3f, min ESS %.0f",
                        max(rhat), min(ess)));
            }
        }
        int steps = chain.size();
        double acceptance = (double) accepted / ((long) steps * walkers);
        return new Result(chain.toArray(new double[0][][]), logs.toArray(new double[0][]), steps / 2, acceptance, converged,
                rhat, ess, tau, evaluations, (System.nanoTime() - start) / 1e9);
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    /** One parameter's kept draws, walker by walker: [walker][step]. */
    static double[][] series(List<double[][]> chain, int burnIn, int d) {
        int walkers = chain.get(0).length;
        int n = chain.size() - burnIn;
        double[][] out = new double[walkers][n];
        for (int t = 0; t < n; t++) {
            double[][] step = chain.get(burnIn + t);
            for (int w = 0; w < walkers; w++) {
                out[w][t] = step[w][d];
            }
        }
        return out;
    }
}
