package io.emuflow.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        for (String activation : List.of("cosmopower", "relu", "tanh", "gelu", "sigmoid", "elu", "swish", "leakyrelu")) {
            Emulator emulator = EmulatorTrainerTest.train(EmulatorTrainerTest.settings("activation", activation, "max_epochs", 2,
                    "hidden_layers", List.of(40, 24)), 21);
            assertMatches(emulator, FastEmulator.of(emulator, new FastEmulator.ScalarKernels()), activation + " scalar");
            FastEmulator best = FastEmulator.of(emulator);
            assertTrue(best.kernel().startsWith("vector-api"), "tests run with jdk.incubator.vector: " + best.kernel());
            assertMatches(emulator, best, activation + " " + best.kernel());
        }
    }

    @Test
    void matchesNd4jWithPcaCompression() {
        Emulator emulator = EmulatorTrainerTest.train(EmulatorTrainerTest.settings("max_epochs", 3, "pca_components", 5), 22);
        assertEquals(5, emulator.pca().size());
        assertMatches(emulator, FastEmulator.of(emulator), "pca");
    }
}
