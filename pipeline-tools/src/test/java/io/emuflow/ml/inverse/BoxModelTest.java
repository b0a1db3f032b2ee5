package io.emuflow.ml.inverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.data.SpectrumDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** The cnn3d inverse model on toy halo boxes of 16^3 cells: learning, reproducibility, the bundle and bad input. */
class BoxModelTest {
    @TempDir
    Path dir;

    static final SpectrumDataset TRAIN = SyntheticBoxData.draw(192, 16, 1);
    static final SpectrumDataset VALIDATION = SyntheticBoxData.draw(48, 16, 2);

    @Test
    void learnsTheParameterItsChannelEncodesBetterThanTheMean() {
        InverseSettings settings = InverseSettings.fromMap(SyntheticBoxData.model("nhalo", List.of("nhalo"), "max_epochs", 12, "dropout", 0.0));
        InverseModel model = InverseTrainer.train(settings, TRAIN, VALIDATION, 7);
        // standardised parameters: predicting the training mean gives a validation MSE near 1
        double first = model.history().get(0).validationLoss();
        double best = (Double) model.trainingSummary().get("best_validation_loss");
        assertTrue(best < first, "validation loss fell: " + first + " -> " + best);
        double[][] predicted = model.predict(VALIDATION);
        Map<String, Double> om = InverseMetrics.regression(SyntheticInverseData.column(VALIDATION.params(), 0),
                SyntheticInverseData.column(predicted, 0));
        assertTrue(om.get("r2") > 0.8, "Omega_m from the halo counts: R^2 " + om);
        assertEquals(om.get("mse"), om.get("mean_error") * om.get("mean_error") + om.get("std_error") * om.get("std_error"), 1e-12);
    }

    @Test
    void sameSeedSameBundleBytesOtherSeedOtherWeights() throws Exception {
        InverseSettings settings = InverseSettings.fromMap(SyntheticBoxData.model("all", List.of("nhalo", "mass", "speed"), "max_epochs", 2));
        assertTrue(settings.boxSettings().augment(), "augmentation is on by default");
        assertEquals(0.2, settings.dropout());
        SpectrumDataset train = SyntheticBoxData.draw(40, 16, 3);
        InverseTrainer.train(settings, train, VALIDATION, 5).save(dir.resolve("a"));
        InverseTrainer.train(settings, train, VALIDATION, 5).save(dir.resolve("b"));
        InverseTrainer.train(settings, train, VALIDATION, 6).save(dir.resolve("c"));
        for (String file : List.of("inverse.json", "network.json", "params.bin")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)), Files.readAllBytes(dir.resolve("b").resolve(file)), file);
        }
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a/params.bin")), Files.readAllBytes(dir.resolve("c/params.bin"))));
    }

    @Test
    void bundleRoundTripPredictsTheSame() {
        InverseSettings settings = InverseSettings.fromMap(SyntheticBoxData.model("two", List.of("nhalo", "mass"), "max_epochs", 1,
                "pooling", "avg", "augment", false));
        InverseModel model = InverseTrainer.train(settings, SyntheticBoxData.draw(32, 16, 4), VALIDATION, 1);
        model.save(dir.resolve("m"));
        InverseModel loaded = InverseModel.load(dir.resolve("m"));
        assertEquals(List.of("nhalo", "mass"), loaded.inputNames());
        assertArrayEquals(model.boxFeatures().scales(), loaded.boxFeatures().scales());
        double[][] before = model.predict(VALIDATION);
        double[][] after = loaded.predict(VALIDATION);
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], after[i], 0, "row " + i);
        }
    }

    @Test
    void scalesAreFittedOnTheTrainingSplitAndTransformsFollowTheReference() {
        SpectrumDataset train = SyntheticBoxData.draw(6, 8, 5);
        BoxSettings settings = InverseSettings.fromMap(SyntheticBoxData.model("x", List.of("nhalo", "mass", "speed"))).boxSettings();
        BoxFeatures features = BoxFeatures.fit(train, settings);
        assertEquals(List.of("max", "log10", "max"), features.transforms());
        float max = 0;
        for (int i = 0; i < train.size(); i++) {
            for (float v : train.boxes().get("nhalo").row(i)) {
                max = Math.max(max, v);
            }
        }
        assertEquals(max, features.scales()[0], 0);
        assertEquals(1.0, features.scales()[1], 0);
        float[] x = features.batches(train, DataType.FLOAT, "train").input(new int[] {2}, 0, 1, null).data().asFloat();
        float[] nhalo = train.boxes().get("nhalo").row(2);
        float[] mass = train.boxes().get("mass").row(2);
        float[] speed = train.boxes().get("speed").row(2);
        int cells = 8 * 8 * 8;
        for (int c = 0; c < cells; c++) {
            assertEquals(nhalo[c] / max, x[c], 1e-6);
            assertEquals(mass[c] > 0 ? Math.log10(mass[c]) / 15 : 0, x[cells + c], 1e-6);
            assertTrue(x[2 * cells + c] >= 0 && x[2 * cells + c] <= 1 && (speed[c] == 0) == (x[2 * cells + c] == 0));
        }
        // a validation split with larger counts does not move the scale: features are fitted once, on the training split
        BoxFeatures again = BoxFeatures.fit(train, settings);
        assertArrayEquals(features.scales(), again.scales());
        assertTrue(features.scales()[0] != BoxFeatures.fit(SyntheticBoxData.draw(6, 8, 99), settings).scales()[0]
                || features.scales()[2] != BoxFeatures.fit(SyntheticBoxData.draw(6, 8, 99), settings).scales()[2]);
    }

    @Test
    void badBoxesAndSettingsGiveErrorsNamingThem() {
        InverseSettings mass = InverseSettings.fromMap(SyntheticBoxData.model("m", List.of("nhalo", "speed")));
        SpectrumDataset noSpeed = SyntheticBoxData.draw(8, 16, 1, List.of("nhalo", "mass"));
        String missing = assertThrows(IllegalArgumentException.class, () -> InverseTrainer.train(mass, noSpeed, VALIDATION, 1)).getMessage();
        assertTrue(missing.contains("box channel 'speed' is missing from the training split"), missing);
        String small = assertThrows(IllegalArgumentException.class,
                () -> InverseTrainer.train(mass, SyntheticBoxData.draw(8, 8, 1), SyntheticBoxData.draw(8, 8, 2), 1)).getMessage();
        assertTrue(small.contains("boxes of 8^3 cells are too small for 2 blocks"), small);
        InverseModel model = InverseTrainer.train(mass, SyntheticBoxData.draw(16, 16, 1), VALIDATION, 1);
        String shape = assertThrows(IllegalArgumentException.class, () -> model.predict(SyntheticBoxData.draw(4, 12, 1))).getMessage();
        assertTrue(shape.contains("box channel 'nhalo'") && shape.contains("is 12^3 cells, the model reads 16^3"), shape);
        String notCnn3d = assertThrows(IllegalArgumentException.class,
                () -> InverseSettings.fromMap(Map.of("name", "d", "network", "dense", "boxes", List.of("nhalo")))).getMessage();
        assertTrue(notCnn3d.contains("'boxes' needs network: cnn3d"), notCnn3d);
        String none = assertThrows(IllegalArgumentException.class,
                () -> InverseSettings.fromMap(Map.of("name", "c", "network", "cnn3d"))).getMessage();
        assertTrue(none.contains("'boxes' must be a non-empty list"), none);
        String transform = assertThrows(IllegalArgumentException.class, () -> InverseSettings.fromMap(
                SyntheticBoxData.model("t", List.of("mass"), "box_transforms", Map.of("mass", "sqrt")))).getMessage();
        assertTrue(transform.contains("'box_transforms' of 'mass' must be one of"), transform);
        for (String message : List.of(missing, small, shape, notCnn3d, none, transform)) {
            assertFalse(message.contains("\n"), "one line: " + message);
        }
    }

    @Test
    void referenceArchitectureIsTheDefault() {
        InverseSettings settings = InverseSettings.fromMap(Map.of("name", "ref", "network", "cnn3d", "boxes", List.of("nhalo")));
        assertEquals(List.of(32, 64, 128), settings.convFilters());
        assertEquals(List.of(1024, 256), settings.hiddenLayers());
        assertEquals(3, settings.kernelSize());
        assertEquals("max", settings.pooling());
        assertArrayEquals(new int[] {30, 15, 13, 6, 4, 2}, Cnn3dNetworkFactory.sides(settings, 32));
        var network = Cnn3dNetworkFactory.build(settings, 1, 32, 2, 1);
        // conv weights + biases, batch norm (gamma, beta, mean, var), dense 1024 from 128 x 2^3, 256, output 2
        long conv = (27L * 1 * 32 + 32) + (27L * 32 * 64 + 64) + (27L * 64 * 128 + 128);
        long bn = 4L * (32 + 64 + 128);
        long dense = (1024L * 1024 + 1024) + (1024L * 256 + 256) + (256L * 2 + 2);
        assertEquals(conv + bn + dense, network.numParams());
    }
}
