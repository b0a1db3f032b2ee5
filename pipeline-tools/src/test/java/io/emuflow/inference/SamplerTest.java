package io.emuflow.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The samplers on posteriors whose moments and evidence are known analytically. Tolerances are Monte Carlo
 * errors: for a mean, 4 std / sqrt(ESS); for a std, 4 std / sqrt(2 ESS) (Gaussian-like marginals), with ESS from
 * the run's own diagnostics; for the evidence, the sampler's stated error sqrt(H / n_live).
 */
class SamplerTest {
    private static final EnsembleSampler.Settings ENSEMBLE = new EnsembleSampler.Settings(32, 2.0, 20000, 500, Convergence.DEFAULT, 50, 7);

    static double[][] ball(int walkers, double[] centre, double width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] out = new double[walkers][centre.length];
        for (int w = 0; w < walkers; w++) {
            for (int d = 0; d < centre.length; d++) {
                out[w][d] = centre[d] + width * (random.nextDouble() - 0.5);
            }
        }
        return out;
    }

    static double mean(double[][] s, int d) {
        double m = 0;
        for (double[] x : s) {
            m += x[d];
        }
        return m / s.length;
    }

    static double cov(double[][] s, int a, int b) {
        double ma = mean(s, a);
        double mb = mean(s, b);
        double c = 0;
        for (double[] x : s) {
            c += (x[a] - ma) * (x[b] - mb);
        }
        return c / s.length;
    }

    /** A correlated 2D Gaussian: means (1, -2), sds (1, 2), correlation 0.8. */
    @Test
    void ensembleRecoversACorrelatedGaussian() {
        double[] mu = {1, -2};
        double s1 = 1;
        double s2 = 2;
        double rho = 0.8;
        BatchLogDensity density = points -> {
            double[] out = new double[points.length];
            for (int i = 0; i < points.length; i++) {
                double a = (points[i][0] - mu[0]) / s1;
                double b = (points[i][1] - mu[1]) / s2;
                out[i] = -0.5 * (a * a - 2 * rho * a * b + b * b) / (1 - rho * rho);
            }
            return out;
        };
        EnsembleSampler.Result r = new EnsembleSampler(ENSEMBLE).run(density, ball(32, new double[] {0, 0}, 1, 1));
        assertTrue(r.converged(), "converged within the cap");
        double[][] s = r.flatSamples();
        double[] sd = {s1, s2};
        for (int d = 0; d < 2; d++) {
            assertTrue(r.rhat()[d] < 1.01 && r.ess()[d] >= 1000, "diagnostics " + r.rhat()[d] + " " + r.ess()[d]);
            assertEquals(mu[d], mean(s, d), 4 * sd[d] / Math.sqrt(r.ess()[d]), "mean " + d);
            assertEquals(sd[d], Math.sqrt(cov(s, d, d)), 4 * sd[d] / Math.sqrt(2 * r.ess()[d]), "std " + d);
        }
        double corr = cov(s, 0, 1) / Math.sqrt(cov(s, 0, 0) * cov(s, 1, 1));
        // sd of a sample correlation: (1 - rho^2) / sqrt(n)
        assertEquals(rho, corr, 4 * (1 - rho * rho) / Math.sqrt(Math.min(r.ess()[0], r.ess()[1])));
        assertTrue(r.acceptance() > 0.2 && r.acceptance() < 0.9, "acceptance " + r.acceptance());
    }

    /**
     * A Rosenbrock ("banana") density pi(x1, x2) ~ exp(-(1 - x1)^2 / 2 - (x2 - x1^2)^2 / (2 * 0.25)), the form of
     * Goodman & Weare 2010's eq. 13 with milder constants (theirs, /20 and 100/20, gives x1 a variance of 10 and
     * autocorrelation times of thousands of steps): x1 ~ N(1, 1) and x2 | x1 ~ N(x1^2, 0.25), so E x1 = 1, Var x1 = 1,
     * E x2 = E x1^2 = 2, Var x2 = Var(x1^2) + 0.25 = 2 s^4 + 4 m^2 s^2 + 0.25 = 6.25.
     */
    @Test
    void ensembleRecoversTheRosenbrockBanana() {
        BatchLogDensity density = points -> {
            double[] out = new double[points.length];
            for (int i = 0; i < points.length; i++) {
                double x1 = points[i][0];
                double x2 = points[i][1];
                out[i] = -0.5 * (1 - x1) * (1 - x1) - (x2 - x1 * x1) * (x2 - x1 * x1) / 0.5;
            }
            return out;
        };
        EnsembleSampler.Settings settings = new EnsembleSampler.Settings(32, 2.0, 40000, 1000, new Convergence(1.01, 2000), 50, 3);
        EnsembleSampler.Result r = new EnsembleSampler(settings).run(density, ball(32, new double[] {1, 1}, 0.5, 2));
        assertTrue(r.converged(), "converged within the cap (ESS " + java.util.Arrays.toString(r.ess()) + ")");
        double[][] s = r.flatSamples();
        assertEquals(1.0, mean(s, 0), 4 * Math.sqrt(1 / r.ess()[0]), "E x1");
        assertEquals(1.0, cov(s, 0, 0), 4 * Math.sqrt(2 / r.ess()[0]), "Var x1");
        // x2 is far from Gaussian (x1^2 of a normal plus noise): its mean's error is sqrt(6.25 / ESS)
        assertEquals(2.0, mean(s, 1), 4 * Math.sqrt(6.25 / r.ess()[1]), "E x2");
        // the variance of a skewed variable: sd of the sample variance ~ sqrt((mu4 - sigma^4) / n); mu4 / sigma^4 < 15 here
        assertEquals(6.25, cov(s, 1, 1), 4 * 6.25 * Math.sqrt(14 / r.ess()[1]), "Var x2");
    }

    /** Bimodal 2D mixture 0.3 N((-3, 0), I) + 0.7 N((3, 0), I): nested sampling finds both modes with their weights. */
    @Test
    void nestedSamplingWeighsTheModesOfAMixture() {
        double w1 = 0.3;
        BatchLogDensity logL = points -> {
            double[] out = new double[points.length];
            for (int i = 0; i < points.length; i++) {
                double x = points[i][0];
                double y = points[i][1];
                double a = Math.log(w1) - 0.5 * ((x + 3) * (x + 3) + y * y);
                double b = Math.log(1 - w1) - 0.5 * ((x - 3) * (x - 3) + y * y);
                out[i] = NestedSampler.logAdd(a, b) - Math.log(2 * Math.PI);
            }
            return out;
        };
        double half = 10;
        NestedSampler.Result r = new NestedSampler(new NestedSampler.Settings(500, 25, 1e-3, 100000, 5))
                .run(logL, u -> new double[] {-half + 2 * half * u[0], -half + 2 * half * u[1]}, 2);
        assertTrue(r.converged());
        double[] w = r.weights();
        double right = 0;
        double mx = 0;
        double total = 0;
        double sumW2 = 0;
        for (int i = 0; i < w.length; i++) {
            total += w[i];
            sumW2 += w[i] * w[i];
            mx += w[i] * r.samples()[i][0];
            if (r.samples()[i][0] > 0) {
                right += w[i];
            }
        }
        right /= total;
        mx /= total;
        // Kish's effective sample size of the weighted draws; mode fraction and mean get binomial / sd errors on it,
        // inflated by 2 for the correlation between nested sampling's draws
        double ess = total * total / sumW2;
        double sdMean = Math.sqrt(1 + 36 * w1 * (1 - w1)); // sd of x under the mixture
        assertEquals(1 - w1, right, 2 * 4 * Math.sqrt(w1 * (1 - w1) / ess), "weight of the right mode");
        assertEquals(3 * (1 - w1) - 3 * w1, mx, 2 * 4 * sdMean / Math.sqrt(ess), "mean of x");
        // the evidence: the mixture is normalised and lies inside the box, so Z = 1 / 400
        assertEquals(-Math.log(400), r.logZ(), 3 * r.logZError(), "log Z " + r.logZ() + " +- " + r.logZError());
    }

    /** The evidence of a 3D correlated Gaussian likelihood under a uniform prior on [-10, 10]^3 is 1/8000. */
    @Test
    void nestedSamplingEvidenceOfAGaussianWithinItsStatedError() {
        double[][] inverse = {{1.5625, -0.625, 0}, {-0.625, 1.25, 0}, {0, 0, 4}}; // covariance [[0.8,0.4,0],[0.4,1,0],[0,0,0.25]]
        double logDet = Math.log(0.8 * 1 - 0.4 * 0.4) + Math.log(0.25);
        BatchLogDensity logL = points -> {
            double[] out = new double[points.length];
            for (int i = 0; i < points.length; i++) {
                double[] x = {points[i][0] - 1, points[i][1] + 1, points[i][2] - 0.5};
                double q = 0;
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) {
                        q += x[a] * inverse[a][b] * x[b];
                    }
                }
                out[i] = -0.5 * (q + logDet + 3 * Math.log(2 * Math.PI));
            }
            return out;
        };
        double expected = -3 * Math.log(20);
        double sumSquares = 0;
        int seeds = 4;
        for (int seed = 0; seed < seeds; seed++) {
            NestedSampler.Result r = new NestedSampler(new NestedSampler.Settings(400, 25, 1e-3, 100000, 100 + seed))
                    .run(logL, u -> new double[] {-10 + 20 * u[0], -10 + 20 * u[1], -10 + 20 * u[2]}, 3);
            double pull = (r.logZ() - expected) / r.logZError();
            assertTrue(Math.abs(pull) < 3, "seed " + seed + ": log Z " + r.logZ() + " +- " + r.logZError() + " against " + expected);
            sumSquares += pull * pull;
        }
        // over the seeds the pulls scatter like N(0, 1) if the stated error is right (RMS well below 2)
        assertTrue(Math.sqrt(sumSquares / seeds) < 1.6, "RMS pull " + Math.sqrt(sumSquares / seeds));
    }

    @Test
    void sameSeedGivesTheSameChainBitForBit() {
        BatchLogDensity density = points -> {
            double[] out = new double[points.length];
            for (int i = 0; i < points.length; i++) {
                out[i] = -0.5 * (points[i][0] * points[i][0] + 4 * points[i][1] * points[i][1]);
            }
            return out;
        };
        EnsembleSampler.Settings s = new EnsembleSampler.Settings(16, 2.0, 300, 100, Convergence.DEFAULT, 50, 99);
        EnsembleSampler.Result a = new EnsembleSampler(s).run(density, ball(16, new double[] {0, 0}, 1, 4));
        EnsembleSampler.Result b = new EnsembleSampler(s).run(density, ball(16, new double[] {0, 0}, 1, 4));
        assertEquals(a.steps(), b.steps());
        for (int t = 0; t < a.steps(); t++) {
            for (int w = 0; w < 16; w++) {
                assertArrayEquals(a.chain()[t][w], b.chain()[t][w]);
            }
        }
        assertTrue(!a.converged(), "300 steps cannot give ESS 1000 with tau > 1 and 16 walkers x 150 kept steps... reported as not converged");
    }
}
