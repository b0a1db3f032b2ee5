package io.emuflow.ml.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure-Java path gives the same spectra as ND4J to 1e-5 relative, with both kernels and every activation. */
class FastEmulatorTest {
    static void assertMatches(Emulator emulator, FastEmulator fast, String label) {
        double[][] params = EmulatorTrainerTest.VALIDATION.inputs();
        double[][] nd4j = emulator.predictLog10(params);
        double worst = 0;
        for (int i = 0; i < params.length; i++) {
            double[] java = fast.predictLog10(params[i]);
            for (int j = 0; j < java.length; j++) {
                // relative difference of the spectrum itself: |10^(a-b) - 1|
                worst = Math.max(worst, Math.abs(Math.pow(10, java[j] - nd4j[i][j]) - 1));
            }
        }
        assertTrue(worst < 1e-5, label + ": worst relative difference " + worst);
    }

    @Test
    void matchesNd4jForEveryActivationAndBothKernels() {
        for (String activation : List.of("cosmopower", "relu", "selu", "tanh", "gelu", "sigmoid", "elu", "swish", "leakyrelu")) {
            Emulator emulator = EmulatorTrainerTest.train(EmulatorTrainerTest.settings("activation", activation, "max_epochs", 2,
                    "hidden_layers", List.of(40, 24)), 21);
            assertMatches(emulator, FastEmulator.of(emulator, new FastEmulator.ScalarKernels()), activation + " scalar");
            FastEmulator best = FastEmulator.of(emulator);
            assertTrue(best.kernel().startsWith("vector-api"), "tests run with jdk.incubator.vector: " + best.kernel());
            assertMatches(emulator, best, activation + " " + best.kernel());
        }
    }

    @Test
    void twoThreadsGiveTheSameNumbersAsOne() {
        // 128 x 128 weights: large enough for the hidden layers to be split between the two threads
        Emulator emulator = EmulatorTrainerTest.train(EmulatorTrainerTest.settings("max_epochs", 2, "hidden_layers", List.of(128, 128)), 23);
        FastEmulator one = FastEmulator.of(emulator);
        try (FastEmulator two = FastEmulator.of(emulator, 2)) {
            assertEquals(2, two.threads());
            assertMatches(emulator, two, "two threads");
            for (double[] p : EmulatorTrainerTest.VALIDATION.inputs()) {
                assertArrayEquals(one.predictLog10(p), two.predictLog10(p), "bit-identical to one thread");
            }
            FastEmulator copy = two.copy();
            assertArrayEquals(one.predictLog10(EmulatorTrainerTest.VALIDATION.inputs()[0]),
                    copy.predictLog10(EmulatorTrainerTest.VALIDATION.inputs()[0]));
            copy.close();
        }
    }

    @Test
    void aClosedTwoThreadEmulatorSaysSo() {
        Emulator emulator = EmulatorTrainerTest.train(EmulatorTrainerTest.settings("max_epochs", 1, "hidden_layers", List.of(128, 128)), 24);
        FastEmulator two = FastEmulator.of(emulator, 2);
        two.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> two.predictLog10(EmulatorTrainerTest.VALIDATION.inputs()[0]));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FastEmulator.of(emulator, 3));
    }

    @Test
    void matchesNd4jWithPcaCompression() {
        Emulator emulator = EmulatorTrainerTest.train(EmulatorTrainerTest.settings("max_epochs", 3, "pca_components", 5), 22);
        assertEquals(5, emulator.pca().size());
        assertMatches(emulator, FastEmulator.of(emulator), "pca");
    }
}
