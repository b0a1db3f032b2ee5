package io.emuflow.ml.inverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.data.SpectrumDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inverse networks recover known parameters from toy spectra, deterministically, and survive a save/load. */
class InverseTrainerTest {
    static final SpectrumDataset TRAIN = SyntheticInverseData.draw(800, 1, 0.1);
    static final SpectrumDataset VALIDATION = SyntheticInverseData.draw(150, 2, 0.1);
    static final SpectrumDataset TEST = SyntheticInverseData.draw(200, 3, 0.1);

    static InverseSettings settings(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "toy");
        m.put("hidden_layers", List.of(64, 64));
        m.put("learning_rate", 3e-3);
        m.put("batch_size", 64);
        m.put("max_epochs", 60);
        m.put("patience", 15);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return InverseSettings.fromMap(m);
    }

    static double r2(InverseModel model, int parameter) {
        double[][] predicted = model.predict(TEST);
        return InverseMetrics.regression(SyntheticInverseData.column(TEST.params(), parameter),
                SyntheticInverseData.column(predicted, parameter)).get("r2");
    }

    @Test
    void denseRegressorRecoversEveryParameter() {
        InverseModel model = InverseTrainer.train(settings(), TRAIN, VALIDATION, 7);
        for (int p = 0; p < 3; p++) {
            // the zeta of the zero-spectrum samples is only in the second redshift; still nearly exact
            assertTrue(r2(model, p) > 0.97, "R^2 of parameter " + p + " = " + r2(model, p));
        }
        int best = (Integer) model.trainingSummary().get("best_epoch");
        assertTrue(best > 0 && best <= model.history().size());
        double bestLoss = model.history().get(best - 1).validationLoss();
        for (var e : model.history()) {
            assertTrue(e.validationLoss() >= bestLoss, "the kept weights are the best of the history");
        }
    }

    @Test
    void cnnRegressorLearnsThroughGlobalPooling() {
        InverseModel model = InverseTrainer.train(settings("network", "cnn", "conv_filters", List.of(16, 32), "hidden_layers", List.of(64),
                "max_epochs", 40), TRAIN, VALIDATION, 7);
        for (int p = 0; p < 3; p++) {
            assertTrue(r2(model, p) > 0.9, "R^2 of parameter " + p + " = " + r2(model, p));
        }
    }

    @Test
    void denseClassifierPutsMostSamplesWithinOneClass() {
        InverseModel model = InverseTrainer.train(settings("task", "classification", "label_sigma", 1.0, "max_epochs", 40),
                TRAIN, VALIDATION, 7);
        int[][] truth = model.trueClasses(TEST);
        int[][] predicted = model.predictClasses(TEST);
        for (int p = 0; p < 3; p++) {
            long[][] confusion = InverseMetrics.confusion(column(truth, p), column(predicted, p), 25);
            double within = InverseMetrics.classification(confusion).get("within_one_class");
            // chance is about 3/25 = 0.12; 800 samples for 25 classes leave the toy's zeta at about 0.7
            assertTrue(within > 0.6, "within one class, parameter " + p + ": " + within);
        }
        // a classifier's values are class centres
        double[][] values = model.predict(TEST);
        ParameterClasses zeta = model.classes().get(0);
        assertEquals(zeta.centre(predicted[0][0]), values[0][0], 1e-12);
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        InverseSettings s = settings("max_epochs", 3, "hidden_layers", List.of(16));
        InverseModel a = InverseTrainer.train(s, TRAIN, VALIDATION, 11);
        InverseModel b = InverseTrainer.train(s, TRAIN, VALIDATION, 11);
        InverseModel c = InverseTrainer.train(s, TRAIN, VALIDATION, 12);
        assertArrayEquals(a.weights(), b.weights());
        assertFalse(Arrays.equals(a.weights(), c.weights()));
        InverseSettings cnn = settings("max_epochs", 2, "network", "cnn", "task", "classification", "conv_filters", List.of(8),
                "hidden_layers", List.of(16));
        assertArrayEquals(InverseTrainer.train(cnn, TRAIN, VALIDATION, 5).weights(), InverseTrainer.train(cnn, TRAIN, VALIDATION, 5).weights());
    }

    @Test
    void bundleRoundTripGivesTheSamePredictions(@TempDir Path dir) throws Exception {
        InverseModel model = InverseTrainer.train(settings("max_epochs", 3, "network", "cnn", "conv_filters", List.of(8),
                "hidden_layers", List.of(16), "inputs", List.of("delta2_z9")), TRAIN, VALIDATION, 3);
        Path bundle = dir.resolve("bundle");
        model.save(bundle);
        assertTrue(Files.isRegularFile(bundle.resolve("inverse.json")));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(bundle), listing.toList(), "no temporary left behind");
        }
        InverseModel loaded = InverseModel.load(bundle);
        assertArrayEquals(model.weights(), loaded.weights());
        assertEquals(List.of("delta2_z9"), loaded.features().inputs());
        double[][] before = model.predict(TEST);
        double[][] after = loaded.predict(TEST);
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], after[i]);
        }
        assertEquals(model.history(), loaded.history());
    }

    @Test
    void zeroSpectraGiveFiniteFeaturesAndLinearInputsRefuseNothing() {
        SpectrumFeatures log = SpectrumFeatures.fit(TRAIN, List.of(), true, 1e-4);
        assertEquals(List.of("delta2_z8", "delta2_z9"), log.inputs());
        for (double[] row : log.standardised(TEST)) {
            for (double v : row) {
                assertTrue(Double.isFinite(v));
            }
        }
        // a zero spectrum maps to log10(offset) before scaling
        int zeroRow = -1;
        for (int i = 0; i < TRAIN.size() && zeroRow < 0; i++) {
            if (TRAIN.target("delta2_z8").values()[i][0] == 0) {
                zeroRow = i;
            }
        }
        assertTrue(zeroRow >= 0);
        double[] raw = SpectrumFeatures.transformed(TRAIN, log.inputs(), TRAIN.grid(), true, 1e-4)[zeroRow];
        assertEquals(-4.0, raw[0], 1e-12);
    }

    private static int[] column(int[][] rows, int j) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][j];
        }
        return out;
    }
}
