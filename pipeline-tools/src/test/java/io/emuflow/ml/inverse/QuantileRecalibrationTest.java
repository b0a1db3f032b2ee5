package io.emuflow.ml.inverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/**
 * Quantile recalibration (Kuleshov, Fenner and Ermon 2018, Algorithm 1) on synthetic posteriors whose miscalibration is
 * known: the "model" predicts N(mu_i, s_i^2) while the truth is mu_i + s_i T with T from a Student-t of 3 degrees of
 * freedom (heavier tails than predicted, the same scale), so the uncalibrated coverage of the level-c interval is
 * P(|T| &lt;= z_c) with z_c = Phi^-1((1 + c)/2), 0.606 at 68% and 0.856 at 95%.
 */
class QuantileRecalibrationTest {
    private static final double[] LEVELS = {0.68, 0.95};

    /** Student-t with 3 degrees of freedom: Z / sqrt(chi^2_3 / 3). */
    private static double studentT3(Random r) {
        double z = r.nextGaussian();
        double chi2 = 0;
        for (int k = 0; k < 3; k++) {
            double g = r.nextGaussian();
            chi2 += g * g;
        }
        return z / Math.sqrt(chi2 / 3);
    }

    /** n samples, [0] posteriors [n][1], [1] truths [n][1]; means and scales vary from sample to sample. */
    private static Object[] tResiduals(int n, long seed) {
        Random r = new Random(seed);
        Mixture1D[][] posteriors = new Mixture1D[n][1];
        double[][] truth = new double[n][1];
        for (int i = 0; i < n; i++) {
            double mu = -2 + 4 * r.nextDouble();
            double s = 0.05 + 0.5 * r.nextDouble();
            posteriors[i][0] = Mixture1D.gaussian(mu, s);
            truth[i][0] = mu + s * studentT3(r);
        }
        return new Object[] {posteriors, truth};
    }

    private static double[] column(double[][] rows) {
        return SyntheticInverseData.column(rows, 0);
    }

    private static Posterior1D[] column(Posterior1D[][] rows) {
        Posterior1D[] out = new Posterior1D[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][0];
        }
        return out;
    }

    /** Fraction of truths inside [F^-1(R^-1((1-c)/2)), F^-1(R^-1((1+c)/2))], the interval itself (not the PIT). */
    private static double intervalCoverage(Posterior1D[] posteriors, double[] truth, double level) {
        int inside = 0;
        for (int i = 0; i < truth.length; i++) {
            double lo = posteriors[i].quantile(0.5 - level / 2);
            double hi = posteriors[i].quantile(0.5 + level / 2);
            if (truth[i] >= lo && truth[i] <= hi) {
                inside++;
            }
        }
        return (double) inside / truth.length;
    }

    @Test
    void studentTResidualsUnderAGaussianModelAreRecalibratedToNominal() {
        int nVal = 5000;
        int nTest = 20000;
        Object[] validation = tResiduals(nVal, 1);
        Object[] test = tResiduals(nTest, 2);
        Mixture1D[][] testPosteriors = (Mixture1D[][]) test[0];
        double[] testTruth = column((double[][]) test[1]);
        TDistribution t3 = new TDistribution(3);
        NormalDistribution normal = new NormalDistribution();
        Recalibration r = Recalibration.fit(Recalibration.Method.QUANTILE, List.of("theta"), (Mixture1D[][]) validation[0],
                (double[][]) validation[1], "validation");
        Posterior1D[] recalibrated = column(r.apply(testPosteriors));
        for (double c : LEVELS) {
            // before: P(|T_3| <= z_c), analytically; binomial error on nTest, 4 sigma
            double expected = 2 * t3.cumulativeProbability(normal.inverseCumulativeProbability(0.5 + c / 2)) - 1;
            double before = Calibration.coverage(Calibration.pit(column(testPosteriors), testTruth), c);
            assertEquals(expected, before, 4 * Math.sqrt(expected * (1 - expected) / nTest), "uncalibrated coverage at " + c);
            assertTrue(c - before > 0.05, "the t residuals make the Gaussian overconfident at " + c);
            // after: nominal within the binomial error of the test draw plus that of the map fitted on nVal samples
            // (the fraction of mass between two empirical quantiles of nVal draws has variance c (1 - c) / (nVal + 1)); 3 sigma
            double sd = Math.sqrt(c * (1 - c) * (1.0 / nTest + 1.0 / (nVal + 1)));
            double after = Calibration.coverage(Calibration.pit(recalibrated, testTruth), c);
            assertEquals(c, after, 3 * sd, "recalibrated coverage (PIT) at " + c);
            assertEquals(after, intervalCoverage(recalibrated, testTruth, c), 2.0 / nTest, "interval and PIT agree at " + c);
        }
        // the map itself: R(p) = P(Phi(T_3) <= p) = F_t3(Phi^-1(p)); DKW bound on 5000 draws at 0.1%: 0.028
        QuantileMap map = r.map(0);
        for (int j = 1; j < 100; j++) {
            double p = j / 100.0;
            assertEquals(t3.cumulativeProbability(normal.inverseCumulativeProbability(p)), map.apply(p), 0.028, "R(" + p + ")");
        }
        // the recalibrated intervals are the t_3 ones: wider than the Gaussian's by t_3^-1((1+c)/2) / Phi^-1((1+c)/2),
        // 1.20 at 68% and 1.62 at 95% (the map is fitted on 5000 draws: 5%)
        for (double c : LEVELS) {
            double ratio = t3.inverseCumulativeProbability(0.5 + c / 2) / normal.inverseCumulativeProbability(0.5 + c / 2);
            assertEquals(ratio, Calibration.meanWidth(recalibrated, c) / Calibration.meanWidth(column(testPosteriors), c), 0.05 * ratio,
                    "width ratio at " + c);
        }
    }

    @Test
    void calibratedPredictionsGiveTheIdentityMap() {
        // the truth is drawn from the predicted distribution itself: a Gaussian, and a skewed two-component mixture
        int n = 5000;
        Random r = new Random(5);
        Mixture1D[][] posteriors = new Mixture1D[n][2];
        double[][] truth = new double[n][2];
        for (int i = 0; i < n; i++) {
            double mu = r.nextDouble();
            posteriors[i][0] = Mixture1D.gaussian(mu, 0.1 + r.nextDouble());
            posteriors[i][1] = new Mixture1D(new double[] {0.7, 0.3}, new double[] {mu, mu + 2}, new double[] {0.2, 0.8});
            truth[i][0] = posteriors[i][0].sample(r);
            truth[i][1] = posteriors[i][1].sample(r);
        }
        Recalibration fitted = Recalibration.fit(Recalibration.Method.QUANTILE, List.of("a", "b"), posteriors, truth, "validation");
        double dkw = Math.sqrt(Math.log(2 / 1e-3) / (2 * n)); // Dvoretzky-Kiefer-Wolfowitz band, 99.9%: 0.028
        for (int p = 0; p < 2; p++) {
            QuantileMap map = fitted.map(p);
            for (int j = 0; j <= 1000; j++) {
                double u = j / 1000.0;
                assertEquals(u, map.apply(u), dkw, "R(" + u + ") of parameter " + p);
            }
        }
        // so the recalibrated widths are the model's own, within what the band allows
        Posterior1D[][] recalibrated = fitted.apply(posteriors);
        for (int p = 0; p < 2; p++) {
            Posterior1D[] before = new Posterior1D[n];
            Posterior1D[] after = new Posterior1D[n];
            for (int i = 0; i < n; i++) {
                before[i] = posteriors[i][p];
                after[i] = recalibrated[i][p];
            }
            assertEquals(1, Calibration.meanWidth(after, 0.68) / Calibration.meanWidth(before, 0.68), 0.06);
        }
        // the identity map itself changes nothing
        Mixture1D m = posteriors[0][1];
        RecalibratedPosterior same = new RecalibratedPosterior(m, QuantileMap.identity());
        for (double q : new double[] {0.01, 0.16, 0.5, 0.84, 0.99}) {
            assertEquals(m.quantile(q), same.quantile(q), 1e-12);
            assertEquals(q, same.cdf(m.quantile(q)), 1e-12);
        }
    }

    @Test
    void theFittedMapIsMonotoneAndInvertible() {
        Object[] s = tResiduals(3000, 7);
        double[] pit = Calibration.pit(column((Mixture1D[][]) s[0]), column((double[][]) s[1]));
        QuantileMap map = QuantileMap.fit(pit);
        assertEquals(0, map.apply(0));
        assertEquals(1, map.apply(1));
        double previous = -1;
        for (int j = 0; j <= 100_000; j++) {
            double v = map.apply(j / 100_000.0);
            assertTrue(v >= previous, "R is non-decreasing at " + j);
            previous = v;
        }
        for (int j = 1; j < 1000; j++) {
            double q = j / 1000.0;
            double x = map.inverse(q);
            assertTrue(x > 0 && x < 1, "R^-1(" + q + ") = " + x + " inside (0, 1)");
            assertEquals(q, map.apply(x), 1e-12, "R(R^-1(q)) = q");
        }
        // recalibrated quantiles of a mixture: increasing in q, and F_recal(quantile(q)) = q
        RecalibratedPosterior rp = new RecalibratedPosterior(new Mixture1D(new double[] {0.4, 0.6}, new double[] {-1, 1.5},
                new double[] {0.3, 0.7}), map);
        double last = Double.NEGATIVE_INFINITY;
        for (int j = 1; j < 200; j++) {
            double q = j / 200.0;
            double y = rp.quantile(q);
            assertTrue(y > last);
            assertEquals(q, rp.cdf(y), 1e-9, "CDF(quantile(" + q + "))");
            last = y;
        }
        // draws (TARP's) follow the recalibrated CDF: KS of their CDF values against uniform, 0.1% level
        Random random = new Random(4);
        double[] u = new double[4000];
        for (int j = 0; j < u.length; j++) {
            u[j] = rp.cdf(rp.sample(random));
        }
        assertTrue(Calibration.ksUniform(u) < 1.95 / Math.sqrt(u.length), "KS " + Calibration.ksUniform(u));
        // PIT values of exactly 0 and 1 (truths far outside) still give finite quantiles
        QuantileMap edges = QuantileMap.fit(new double[] {0, 0, 0.3, 0.5, 1, 1});
        assertTrue(Double.isFinite(new RecalibratedPosterior(Mixture1D.gaussian(0, 1), edges).quantile(0.01)));
        assertTrue(Double.isFinite(new RecalibratedPosterior(Mixture1D.gaussian(0, 1), edges).quantile(0.99)));
        assertThrows(IllegalArgumentException.class, () -> QuantileMap.fit(new double[] {0.2, 1.5}));
        assertThrows(IllegalArgumentException.class, () -> new QuantileMap(new double[] {0, 0.5, 0.4, 1}, new double[] {0, 0.2, 0.3, 1}));
    }

    @Test
    void poolAdjacentViolatorsMatchesHandWorkedFits() {
        // (3, 2) and (4, 3) violate the order: each pair is pooled to its mean
        assertArrayEquals(new double[] {1, 2.5, 2.5, 3.5, 3.5, 5}, IsotonicRegression.fit(new double[] {1, 3, 2, 4, 3, 5}), 1e-15);
        // a weighted pool: (3 x 1 + 1 x 3) / 4
        assertArrayEquals(new double[] {1.5, 1.5}, IsotonicRegression.fit(new double[] {3, 1}, new double[] {1, 3}), 1e-15);
        // a decreasing sequence pools to its mean; a pool that grows backwards (4 | 5 1 | 0 -> all four)
        assertArrayEquals(new double[] {2, 2, 2}, IsotonicRegression.fit(new double[] {3, 2, 1}), 1e-15);
        assertArrayEquals(new double[] {2.5, 2.5, 2.5, 2.5}, IsotonicRegression.fit(new double[] {4, 5, 1, 0}), 1e-15);
        // random input: the fit is non-decreasing, keeps the weighted sum, and no other non-decreasing sequence tried is closer
        Random r = new Random(3);
        double[] y = new double[200];
        double[] w = new double[200];
        for (int i = 0; i < y.length; i++) {
            y[i] = i / 50.0 + r.nextGaussian();
            w[i] = 0.5 + r.nextDouble();
        }
        double[] f = IsotonicRegression.fit(y, w);
        double sum = 0;
        double fitted = 0;
        for (int i = 0; i < y.length; i++) {
            assertTrue(i == 0 || f[i] >= f[i - 1]);
            sum += w[i] * y[i];
            fitted += w[i] * f[i];
        }
        assertEquals(sum, fitted, 1e-9);
        double best = sse(y, w, f);
        for (int trial = 0; trial < 200; trial++) {
            double[] g = f.clone();
            int i = r.nextInt(g.length);
            double lo = i == 0 ? g[i] - 1 : g[i - 1];
            double hi = i == g.length - 1 ? g[i] + 1 : g[i + 1];
            g[i] = lo + (hi - lo) * r.nextDouble(); // a different, still non-decreasing sequence
            assertTrue(sse(y, w, g) >= best - 1e-12);
        }
    }

    private static double sse(double[] y, double[] w, double[] f) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += w[i] * (y[i] - f[i]) * (y[i] - f[i]);
        }
        return s;
    }

    @Test
    void recalibrationRoundTripsThroughJsonAndIsDeterministic() throws Exception {
        Object[] s = tResiduals(800, 9);
        Mixture1D[][] posteriors = (Mixture1D[][]) s[0];
        double[][] truth = (double[][]) s[1];
        ObjectMapper json = new ObjectMapper();
        for (Recalibration.Method method : Recalibration.Method.values()) {
            Recalibration a = Recalibration.fit(method, List.of("theta"), posteriors, truth, "validation");
            Recalibration b = Recalibration.fit(method, List.of("theta"), posteriors, truth, "validation");
            String text = json.writeValueAsString(a.describe());
            assertEquals(text, json.writeValueAsString(b.describe()), "same inputs, same document");
            Recalibration back = Recalibration.fromJson(json.readTree(text), List.of("theta"));
            assertEquals(text, json.writeValueAsString(back.describe()), method + " round trip");
            assertEquals(800, back.samples());
            for (double q : new double[] {0.025, 0.16, 0.5, 0.84, 0.975}) {
                assertEquals(a.apply(0, posteriors[3][0]).quantile(q), back.apply(0, posteriors[3][0]).quantile(q), 0.0, method + " q " + q);
            }
        }
        Recalibration sigma = Recalibration.fit(Recalibration.Method.SIGMA, List.of("theta"), posteriors, truth, "validation");
        assertTrue(sigma.factor(0) > 1, "t residuals need wider Gaussians: " + sigma.factor(0));
        String text = json.writeValueAsString(Recalibration.fit(Recalibration.Method.QUANTILE, List.of("theta"), posteriors, truth, "v").describe());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Recalibration.fromJson(json.readTree(text), List.of("other")));
        assertTrue(e.getMessage().contains("'theta'"), e.getMessage());
        assertNotEquals(text, json.writeValueAsString(Recalibration.fit(Recalibration.Method.QUANTILE, List.of("theta"),
                (Mixture1D[][]) tResiduals(800, 10)[0], (double[][]) tResiduals(800, 10)[1], "v").describe()), "other data, other map");
    }
}
