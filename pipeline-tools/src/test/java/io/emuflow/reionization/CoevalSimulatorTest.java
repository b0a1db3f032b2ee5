package io.emuflow.reionization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.emuflow.fields.Box;
import io.emuflow.fields.Fft3;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Seeding of the whole chain: initial conditions, perturbation, ionization, T_b and its spectrum. */
class CoevalSimulatorTest {
    private static final Box BOX = new Box(32, 64);

    @AfterEach
    void resetThreads() {
        Fft3.setThreads(1);
    }

    private static double[] spectrum(long icSeed, long poissonSeed) {
        CoevalSimulator simulator = new CoevalSimulator(BOX, ReionCosmology.fiducial(), 3, true);
        PerturbedField field = simulator.perturb(simulator.initialConditions(icSeed), 8);
        CoevalSimulator.Coeval box = simulator.ionize(field, AstroParams.fiducial(), poissonSeed);
        double[] d2 = simulator.delta2(box.brightnessTemperature());
        double[] out = Arrays.copyOf(d2, d2.length + 2);
        out[d2.length] = box.meanNeutralFraction();
        out[d2.length + 1] = box.meanBrightnessTemperature();
        return out;
    }

    @Test
    void sameSeedsGiveBitIdenticalSpectra() {
        assertArrayEquals(spectrum(5, 9), spectrum(5, 9), 0.0);
        assertFalse(Arrays.equals(spectrum(5, 9), spectrum(6, 9)));
        assertFalse(Arrays.equals(spectrum(5, 9), spectrum(5, 10))); // the Poisson draws of partial cells differ
    }

    @Test
    void resultDoesNotDependOnTheFftThreadCount() {
        Fft3.setThreads(1);
        double[] one = spectrum(5, 9);
        Fft3.setThreads(2);
        double[] two = spectrum(5, 9);
        assertArrayEquals(one, two, 0.0);
    }
}
