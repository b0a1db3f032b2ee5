package io.emuflow.ml.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fine-tuning step on its own (issue 16): it trains on the rows with the largest error, never returns weights
 * with a worse validation loss than it was given (a harmful pass keeps the original weights bit for bit), and is
 * reproducible for a seed.
 */
class FineTunerTest {
    static Emulator base;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainBase() {
        base = EmulatorTrainerTest.train(EmulatorTrainerTest.settings("max_epochs", 8), 3);
    }

    static ModelSettings.FineTune fineTune(int samples, double rate, int batch, int epochs) {
        return new ModelSettings.FineTune(samples, new ModelSettings.Stage(rate, batch, 5, epochs), null);
    }

    @Test
    void trainsOnTheRowsWithTheLargestMaxError() {
        FineTuner.Result r = FineTuner.fineTune(base, EmulatorTrainerTest.TRAIN, EmulatorTrainerTest.VALIDATION, fineTune(25, 1e-4, 16, 2), 1);
        // the max |log10 error| of every training row, from the public predictions of the model given
        double[][] p = base.predictLog10(EmulatorTrainerTest.TRAIN.inputs());
        double[] err = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[i].length; j++) {
                err[i] = Math.max(err[i], Math.abs(p[i][j] - EmulatorTrainerTest.TRAIN.targets()[i][j]));
            }
        }
        double[] sorted = err.clone();
        Arrays.sort(sorted);
        double threshold = sorted[sorted.length - 25]; // the 25th largest error
        assertEquals(25, r.rows().length);
        for (int row : r.rows()) {
            assertTrue(err[row] >= threshold, "row " + row + " (error " + err[row] + ") is not among the 25 worst (>= " + threshold + ")");
        }
        assertEquals(25, r.stage().get("samples"));
    }

    @Test
    void aHelpfulPassLowersTheValidationLossAndAHarmfulOneKeepsTheOriginalWeights() {
        double before = EmulatorTrainerTest.standardisedMse(base, EmulatorTrainerTest.VALIDATION);
        FineTuner.Result good = FineTuner.fineTune(base, EmulatorTrainerTest.TRAIN, EmulatorTrainerTest.VALIDATION,
                fineTune(400, 3e-3, 32, 20), 5);
        assertTrue(good.improved());
        assertEquals(before, good.baseValidationLoss(), 1e-6 * before);
        double after = EmulatorTrainerTest.standardisedMse(good.emulator(), EmulatorTrainerTest.VALIDATION);
        assertEquals(after, good.validationLoss(), 1e-5 * after);
        assertTrue(after < before, after + " >= " + before);
        assertFalse(Arrays.equals(base.parameters(), good.emulator().parameters()));
        // the base emulator is untouched by the pass (the network was copied)
        assertEquals(before, EmulatorTrainerTest.standardisedMse(base, EmulatorTrainerTest.VALIDATION), 0.0);

        // a rate of 1 on the 3 worst rows wrecks the network: every epoch is worse, so the original weights stay
        FineTuner.Result bad = FineTuner.fineTune(base, EmulatorTrainerTest.TRAIN, EmulatorTrainerTest.VALIDATION, fineTune(3, 1.0, 3, 4), 5);
        assertFalse(bad.improved());
        assertTrue(bad.passValidationLoss() > bad.baseValidationLoss(), bad.passValidationLoss() + " <= " + bad.baseValidationLoss());
        assertEquals(bad.baseValidationLoss(), bad.validationLoss(), 0.0);
        assertArrayEquals(base.parameters(), bad.emulator().parameters(), 0.0);
        assertEquals(base.history().size() + bad.epochs(), bad.emulator().history().size());
    }

    @Test
    void theSameSeedGivesTheSameBundleBytes() throws Exception {
        FineTuner.fineTune(base, EmulatorTrainerTest.TRAIN, EmulatorTrainerTest.VALIDATION, fineTune(200, 1e-3, 32, 6), 9)
                .emulator().save(dir.resolve("a"));
        FineTuner.fineTune(base, EmulatorTrainerTest.TRAIN, EmulatorTrainerTest.VALIDATION, fineTune(200, 1e-3, 32, 6), 9)
                .emulator().save(dir.resolve("b"));
        FineTuner.fineTune(base, EmulatorTrainerTest.TRAIN, EmulatorTrainerTest.VALIDATION, fineTune(200, 1e-3, 32, 6), 10)
                .emulator().save(dir.resolve("c"));
        for (String f : List.of("params.bin", "emulator.json", "network.json")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
        assertFalse(Arrays.equals(Files.readAllBytes(dir.resolve("a/params.bin")), Files.readAllBytes(dir.resolve("c/params.bin"))),
                "another seed (minibatch order) should give other weights");
    }
}
