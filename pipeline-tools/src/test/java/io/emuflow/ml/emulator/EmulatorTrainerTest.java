package io.emuflow.ml.emulator;

import io.emuflow.ml.EpochRecord;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.data.Standardizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorTrainerTest {
    static final TrainingData TRAIN = SyntheticSpectra.draw(400, 1);
    static final TrainingData VALIDATION = SyntheticSpectra.draw(100, 2);
    static final Standardizer PARAMS = SyntheticSpectra.paramScaler(TRAIN);
    static final Standardizer TARGETS = SyntheticSpectra.targetScaler(TRAIN);

    static ModelSettings settings(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", "toy");
        map.put("hidden_layers", List.of(32, 32));
        map.put("activation", "cosmopower");
        map.put("learning_rate", 3e-3);
        map.put("batch_size", 32);
        map.put("max_epochs", 60);
        map.put("patience", 10);
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return ModelSettings.fromMap(map);
    }

    static Emulator train(ModelSettings settings, long seed) {
        return EmulatorTrainer.train(TRAIN, VALIDATION, PARAMS, TARGETS, settings, SyntheticSpectra.METADATA, seed);
    }

    /** MSE of the standardised log10 target, computed from public predictions (independent of the trainer). */
    static double standardisedMse(Emulator emulator, TrainingData data) {
        double[][] predicted = TARGETS.transform(emulator.predictLog10(data.inputs()));
        double[][] truth = TARGETS.transform(data.targets());
        double sum = 0;
        int count = 0;
        for (int i = 0; i < truth.length; i++) {
            for (int j = 0; j < truth[i].length; j++) {
                double d = predicted[i][j] - truth[i][j];
                sum += d * d;
                count++;
            }
        }
        return sum / count;
    }

    @Test
    void learnsSmoothSpectraFarBetterThanTheMean() {
        Emulator emulator = train(settings(), 7);
        // predicting the training mean gives an MSE of about 1 in standardised units
        double mse = standardisedMse(emulator, VALIDATION);
        assertTrue(mse < 0.01, "validation MSE " + mse);
        double[][] log10 = emulator.predictLog10(new double[][] {VALIDATION.inputs()[0]});
        double[][] linear = emulator.predict(new double[][] {VALIDATION.inputs()[0]});
        for (int j = 0; j < log10[0].length; j++) {
            assertEquals(Math.pow(10, log10[0][j]), linear[0][j], 1e-12 * linear[0][j]);
        }
    }

    @Test
    void keepsTheBestWeightsNotTheLast() {
        // a high rate makes the validation loss noisy; a short patience makes training stop after a bad run
        Emulator emulator = train(settings("learning_rate", 0.03, "patience", 4, "max_epochs", 400), 3);
        List<EpochRecord> history = emulator.history();
        assertTrue(history.size() < 400, "early stopping never triggered");
        double best = history.stream().mapToDouble(EpochRecord::validationLoss).min().orElseThrow();
        double last = history.get(history.size() - 1).validationLoss();
        assertTrue(best < last, "the last epoch was the best: the test proves nothing");
        double kept = standardisedMse(emulator, VALIDATION);
        assertEquals(best, kept, 1e-5 * best);
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsAndOtherSeedsDiffer() {
        ModelSettings s = settings("max_epochs", 5);
        double[] first = train(s, 11).parameters();
        double[] second = train(s, 11).parameters();
        double[] other = train(s, 12).parameters();
        assertArrayEquals(first, second);
        assertFalse(Arrays.equals(first, other));
    }

    @Test
    void bundleRoundTripGivesTheSamePredictions(@TempDir Path dir) throws Exception {
        Emulator emulator = train(settings("max_epochs", 5, "pca_components", 6), 5);
        Path bundle = dir.resolve("model");
        emulator.save(bundle);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(bundle), files.toList(), "temporary files left behind");
        }
        Emulator loaded = Emulator.load(bundle);
        assertArrayEquals(emulator.parameters(), loaded.parameters());
        double[][] a = emulator.predictLog10(VALIDATION.inputs());
        double[][] b = loaded.predictLog10(VALIDATION.inputs());
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i]);
        }
        assertEquals(emulator.settings().toMap(), loaded.settings().toMap());
        assertEquals(emulator.history(), loaded.history());
        assertEquals(emulator.metadata().paramNames(), loaded.metadata().paramNames());
        assertArrayEquals(emulator.metadata().grid(), loaded.metadata().grid());
        assertEquals(emulator.pca().size(), loaded.pca().size());
        // saving again gives the same bytes (a bundle's sha256 identifies its weights)
        Path again = dir.resolve("again");
        loaded.save(again);
        assertArrayEquals(Files.readAllBytes(bundle.resolve("params.bin")), Files.readAllBytes(again.resolve("params.bin")));
    }

    @Test
    void commonPcaScalingIsSavedAndASavedModelPredictsTheSame(@TempDir Path dir) throws Exception {
        Emulator emulator = train(settings("max_epochs", 5, "pca_components", 6, "pca_scaling", "common"), 5);
        assertEquals(Pca.Scaling.COMMON, emulator.pca().scaling());
        Path bundle = dir.resolve("model");
        emulator.save(bundle);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bundle.resolve("emulator.json").toFile());
        assertEquals("common", json.at("/pca/scaling").asText());
        assertEquals("common", json.at("/settings/pca_scaling").asText());
        Emulator loaded = Emulator.load(bundle);
        assertEquals(Pca.Scaling.COMMON, loaded.pca().scaling());
        assertArrayEquals(emulator.pca().coefficientStd(), loaded.pca().coefficientStd());
        double[][] a = emulator.predictLog10(VALIDATION.inputs());
        double[][] b = loaded.predictLog10(VALIDATION.inputs());
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i]);
        }
        FastEmulatorTest.assertMatches(loaded, FastEmulator.of(loaded), "common pca");
        // the validation loss the trainer recorded is the loss of the decoded predictions
        assertEquals(emulator.trainingSummary().get("best_validation_loss"), loaded.trainingSummary().get("best_validation_loss"));
        assertEquals((double) emulator.trainingSummary().get("best_validation_loss"), standardisedMse(loaded, VALIDATION),
                1e-5 * standardisedMse(loaded, VALIDATION));
    }

    @Test
    void commonTargetScalingTrainsOnLog10ErrorsAndIsSavedWithTheBundle(@TempDir Path dir) throws Exception {
        Emulator emulator = train(settings("max_epochs", 40, "target_scaling", "common"), 5);
        double[] std = emulator.targetScaler().std();
        double rms = 0;
        for (double v : TARGETS.std()) {
            rms += v * v / TARGETS.std().length;
        }
        for (double v : std) {
            assertEquals(Math.sqrt(rms), v, 1e-15, "one std for every column: the RMS of the split's stds");
        }
        assertArrayEquals(TARGETS.mean(), emulator.targetScaler().mean());
        // the synthetic spectra's column stds differ, so the common scale is not any column's own
        assertTrue(Arrays.stream(TARGETS.std()).max().getAsDouble() > 1.2 * Arrays.stream(TARGETS.std()).min().getAsDouble());
        assertTrue(standardisedMse(emulator, VALIDATION) < 0.02, "common scaling still learns: " + standardisedMse(emulator, VALIDATION));
        Path bundle = dir.resolve("model");
        emulator.save(bundle);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bundle.resolve("emulator.json").toFile());
        assertEquals("common", json.at("/settings/target_scaling").asText());
        Emulator loaded = Emulator.load(bundle);
        assertArrayEquals(std, loaded.targetScaler().std());
        assertArrayEquals(emulator.predictLog10(VALIDATION.inputs())[3], loaded.predictLog10(VALIDATION.inputs())[3]);
        FastEmulatorTest.assertMatches(loaded, FastEmulator.of(loaded), "common target scaling");
    }

    @Test
    void bundlesWithoutAScalingFieldReadAsPerComponent(@TempDir Path dir) throws Exception {
        Emulator emulator = train(settings("max_epochs", 2, "pca_components", 4), 6);
        Path bundle = dir.resolve("model");
        emulator.save(bundle);
        Path json = bundle.resolve("emulator.json");
        String text = Files.readString(json);
        String old = text.replace("\"scaling\" : \"per_component\"", "\"scaling_removed\" : 0");
        assertTrue(!old.equals(text), "the bundle records the scaling");
        Files.writeString(json, old);
        assertEquals(Pca.Scaling.PER_COMPONENT, Emulator.load(bundle).pca().scaling());
    }

    /**
     * A searched trial's shape: SELU units and RAdam through a staged schedule. It learns, each stage runs at its own
     * rate, and the bundle (whose network.json names the RAdam updater) loads and predicts the same.
     */
    @Test
    void seluWithRadamTrainsInStagesAndItsBundleLoads(@TempDir Path dir) {
        ModelSettings s = settings("activation", "selu", "optimizer", "radam", "schedule", Map.of("type", "staged",
                "learning_rates", List.of(3e-3, 3e-4), "patience", List.of(10, 5), "max_epochs", List.of(40, 10)));
        Emulator emulator = train(s, 13);
        assertTrue(standardisedMse(emulator, VALIDATION) < 0.05, "validation MSE " + standardisedMse(emulator, VALIDATION));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> stages = (List<Map<String, Object>>) emulator.trainingSummary().get("stages");
        assertEquals(List.of(3e-3, 3e-4), stages.stream().map(st -> st.get("learning_rate")).toList());
        int firstStage = ((Number) stages.get(0).get("epochs")).intValue();
        assertEquals(3e-4, emulator.history().get(firstStage).learningRate()); // the first epoch of stage 2
        Path bundle = dir.resolve("model");
        emulator.save(bundle);
        Emulator loaded = Emulator.load(bundle);
        assertEquals(ModelSettings.Optimizer.RADAM, loaded.settings().optimizer());
        double[][] a = emulator.predictLog10(VALIDATION.inputs());
        double[][] b = loaded.predictLog10(VALIDATION.inputs());
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i]);
        }
        // the same seed gives the same weights with RAdam too
        assertArrayEquals(emulator.parameters(), train(s, 13).parameters());
    }

    @Test
    void reluAndTanhNetworksTrainToo() {
        for (String activation : List.of("relu", "tanh")) {
            Emulator emulator = train(settings("activation", activation, "max_epochs", 40), 9);
            assertTrue(standardisedMse(emulator, VALIDATION) < 0.05, activation);
        }
    }

    @Test
    void noValidationStatisticReachesTheScalersOrThePca() {
        // the same training split with two very different validation splits: everything fitted to data (the
        // parameter and target scalers, the PCA basis and its coefficient scaling) must be the same, to the bit
        TrainingData otherValidation = SyntheticSpectra.draw(100, 99);
        double[][] shifted = new double[otherValidation.targets().length][];
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = Arrays.stream(otherValidation.targets()[i]).map(v -> v * 1e3).toArray();
        }
        TrainingData farValidation = new TrainingData(otherValidation.inputs(), shifted);
        ModelSettings s = settings("max_epochs", 2, "pca_components", 5);
        Emulator a = EmulatorTrainer.train(TRAIN, VALIDATION, PARAMS, TARGETS, s, SyntheticSpectra.METADATA, 3);
        Emulator b = EmulatorTrainer.train(TRAIN, farValidation, PARAMS, TARGETS, s, SyntheticSpectra.METADATA, 3);
        assertArrayEquals(a.paramScaler().mean(), b.paramScaler().mean());
        assertArrayEquals(a.paramScaler().std(), b.paramScaler().std());
        assertArrayEquals(a.targetScaler().mean(), b.targetScaler().mean());
        assertArrayEquals(a.targetScaler().std(), b.targetScaler().std());
        assertArrayEquals(a.pca().mean(), b.pca().mean());
        assertArrayEquals(a.pca().coefficientStd(), b.pca().coefficientStd());
        for (int c = 0; c < a.pca().components().length; c++) {
            assertArrayEquals(a.pca().components()[c], b.pca().components()[c]);
        }
        // and the PCA is the training split's own: refitting it on TRAIN alone gives the same basis
        Pca own = Pca.fit(a.targetScaler().transform(TRAIN.targets()), 5, s.pcaScaling());
        assertArrayEquals(own.mean(), a.pca().mean(), 1e-12);
    }
}
