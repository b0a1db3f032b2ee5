package io.emuflow.ml.inverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.data.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gaussian and mixture heads trained on synthetic problems whose noise is known: a heteroscedastic one,
 * theta = 2u + sigma(u) eps with sigma(u) = 0.05 + 0.3 u (the Gaussian head must recover sigma and cover at nominal),
 * and a bimodal one, theta = +-(0.5 + u) + 0.05 eps with a hidden random sign (the mixture head must find both
 * modes). u ~ U(0, 1) is readable from the "spectrum" s_j = 1 + u k_j + u^2 k_j^2.
 */
class DistributionalHeadTest {
    private static final double[] GRID = {0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.4, 2.0};

    static double sigma(double u) {
        return 0.05 + 0.3 * u;
    }

    /** n samples; returns the dataset and the latent u of each sample. */
    static SpectrumDataset draw(int n, long seed, boolean bimodal, double[] latent) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] index = new long[n];
        double[][] params = new double[n][1];
        double[][] spectra = new double[n][GRID.length];
        for (int i = 0; i < n; i++) {
            index[i] = i;
            double u = r.nextDouble();
            if (latent != null) {
                latent[i] = u;
            }
            double eps = gaussian(r);
            params[i][0] = bimodal ? (r.nextBoolean() ? 1 : -1) * (0.5 + u) + 0.05 * eps : 2 * u + sigma(u) * eps;
            for (int j = 0; j < GRID.length; j++) {
                spectra[i][j] = 1 + u * GRID[j] + u * u * GRID[j] * GRID[j];
            }
        }
        Map<String, Target> targets = new LinkedHashMap<>();
        targets.put("delta2_z8", new Target("delta2_z8", "mK^2", false, spectra));
        return new SpectrumDataset("toy-noise", "split", index, List.of(new Parameter("theta", "", -3, 4)), params, GRID, "1/Mpc",
                targets, Map.of());
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2); // Box-Muller
    }

    static InverseSettings settings(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "noisy");
        m.put("input_transform", "linear");
        m.put("hidden_layers", List.of(32, 32));
        m.put("learning_rate", 5e-3);
        m.put("batch_size", 100);
        m.put("max_epochs", 50);
        m.put("patience", 15);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return InverseSettings.fromMap(m);
    }

    @Test
    void gaussianHeadRecoversTheNoiseAndCoversAtNominal() {
        double[] u = new double[3000];
        SpectrumDataset test = draw(3000, 3, false, u);
        InverseModel model = InverseTrainer.train(settings("head", "gaussian"), draw(1500, 1, false, null), draw(300, 2, false, null), 7);
        Mixture1D[][] posteriors = model.predictDistributions(test);
        Mixture1D[] column = new Mixture1D[posteriors.length];
        double relative = 0;
        for (int i = 0; i < column.length; i++) {
            column[i] = posteriors[i][0];
            relative += Math.abs(column[i].std() / sigma(u[i]) - 1) / column.length;
        }
        assertTrue(relative < 0.15, "mean |sigma_pred / sigma - 1| = " + relative);
        // sigma grows sevenfold across u: the head must follow it (low-u and high-u thirds)
        assertEquals(sigma(0.15), meanStd(column, u, 0, 0.3), 0.03);
        assertEquals(sigma(0.85), meanStd(column, u, 0.7, 1), 0.05);
        Map<String, Object> c = Calibration.summary(column, SyntheticInverseData.column(test.params(), 0));
        assertEquals(0.68, (Double) c.get("coverage_68"), 0.04, "68% coverage");
        assertEquals(0.95, (Double) c.get("coverage_95"), 0.03, "95% coverage");
        // the point estimate is the mean: R^2 close to the noise-limited value 1 - E[sigma^2] / Var(theta)
        double r2 = InverseMetrics.regression(SyntheticInverseData.column(test.params(), 0), SyntheticInverseData.column(model.predict(test), 0)).get("r2");
        assertTrue(r2 > 0.85, "R^2 " + r2);
    }

    private static double meanStd(Mixture1D[] column, double[] u, double from, double to) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < column.length; i++) {
            if (u[i] >= from && u[i] < to) {
                sum += column[i].std();
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void mixtureHeadFindsBothModesOfABimodalTarget() {
        double[] u = new double[2000];
        SpectrumDataset test = draw(2000, 13, true, u);
        InverseModel model = InverseTrainer.train(settings("head", "mixture", "components", 2, "max_epochs", 60),
                draw(1500, 11, true, null), draw(300, 12, true, null), 7);
        Mixture1D[][] posteriors = model.predictDistributions(test);
        double meanError = 0;
        double weightError = 0;
        Mixture1D[] column = new Mixture1D[posteriors.length];
        for (int i = 0; i < posteriors.length; i++) {
            Mixture1D m = posteriors[i][0];
            column[i] = m;
            int lo = m.means()[0] < m.means()[1] ? 0 : 1;
            meanError += (Math.abs(m.means()[lo] + 0.5 + u[i]) + Math.abs(m.means()[1 - lo] - 0.5 - u[i])) / 2 / posteriors.length;
            weightError += Math.abs(m.weights()[0] - 0.5) / posteriors.length;
        }
        assertTrue(meanError < 0.1, "mean |mu_k - mode| = " + meanError);
        assertTrue(weightError < 0.1, "mean |w - 1/2| = " + weightError);
        Map<String, Object> c = Calibration.summary(column, SyntheticInverseData.column(test.params(), 0));
        assertEquals(0.68, (Double) c.get("coverage_68"), 0.05, "68% coverage");
        assertEquals(0.95, (Double) c.get("coverage_95"), 0.03, "95% coverage");
    }

    @Test
    void cnnGaussianHeadTrainsSavesLoadsAndEvaluatesDeterministically(@TempDir Path dir) throws Exception {
        InverseSettings cnn = InverseTrainerTest.settings("network", "cnn", "conv_filters", List.of(4), "hidden_layers", List.of(8),
                "head", "gaussian", "max_epochs", 3);
        InverseModel a = InverseTrainer.train(cnn, InverseTrainerTest.TRAIN, InverseTrainerTest.VALIDATION, 5);
        InverseModel b = InverseTrainer.train(cnn, InverseTrainerTest.TRAIN, InverseTrainerTest.VALIDATION, 5);
        assertArrayEquals(a.weights(), b.weights(), "same seed, same weights");
        a.save(dir.resolve("m1"));
        b.save(dir.resolve("m2"));
        for (String f : new String[] {"params.bin", "network.json", "inverse.json"}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("m1").resolve(f)), Files.readAllBytes(dir.resolve("m2").resolve(f)), f);
        }
        InverseModel loaded = InverseModel.load(dir.resolve("m1"));
        assertEquals(InverseSettings.Head.GAUSSIAN, loaded.settings().head());
        assertArrayEquals(flatten(a.predict(InverseTrainerTest.TEST)), flatten(loaded.predict(InverseTrainerTest.TEST)));
        Mixture1D[][] posteriors = loaded.predictDistributions(InverseTrainerTest.TEST);
        assertEquals(3, posteriors[0].length);
        assertTrue(Arrays.stream(posteriors).flatMap(Arrays::stream).allMatch(m -> Double.isFinite(m.mean()) && m.std() > 0));

        Path out = dir.resolve("eval");
        Files.createDirectories(out);
        Map<String, SpectrumDataset> splits = new LinkedHashMap<>();
        splits.put("validation", InverseTrainerTest.VALIDATION);
        splits.put("test", InverseTrainerTest.TEST);
        InverseEvaluator.Result result = InverseEvaluator.evaluate(loaded, splits, out);
        @SuppressWarnings("unchecked")
        Map<String, Object> test = (Map<String, Object>) ((Map<String, Object>) result.metrics().get("splits")).get("test");
        @SuppressWarnings("unchecked")
        Map<String, Object> calibration = (Map<String, Object>) test.get("calibration");
        assertTrue(((Map<?, ?>) calibration.get("parameters")).containsKey("R_BUBBLE_MAX"));
        assertTrue(((Map<?, ?>) calibration.get("tarp")).containsKey("ecp"));
        assertTrue(test.containsKey("mean_r2"), "point figures stay");
        for (String plot : new String[] {"plot_tarp", "plot_pit_HII_EFF_FACTOR", "plot_pit_R_BUBBLE_MAX"}) {
            assertTrue(Files.size(result.plots().get(plot)) > 1000, plot);
        }
    }

    private static double[] flatten(double[][] rows) {
        return Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
    }

    @Test
    void badHeadSettingsAreRefusedWithOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings("head", "gaussian", "task", "classification"));
        assertTrue(e.getMessage().contains("needs task regression"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> settings("head", "mixture", "components", 0));
        assertTrue(e.getMessage().contains("'components'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> settings("head", "gaussian", "components", 3));
        assertTrue(e.getMessage().contains("mixture only"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> settings("head", "beta"));
        assertTrue(e.getMessage().contains("'head'"), e.getMessage());
        assertEquals(3, settings("head", "mixture").components(), "default components");
        assertEquals(InverseSettings.Head.POINT, settings().head(), "default head");
        assertThrows(IllegalArgumentException.class, () -> InverseTrainer.train(settings(), draw(50, 1, false, null), draw(20, 2, false, null), 1)
                .predictDistributions(draw(5, 3, false, null)));
    }
}
