package io.emuflow.simulate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.data.Parameter;
import io.emuflow.fields.Box;
import io.emuflow.reionization.AstroParams;
import io.emuflow.reionization.CoevalSimulator;
import io.emuflow.reionization.PerturbedField;
import io.emuflow.reionization.ReionCosmology;
import org.junit.jupiter.api.Test;

/**
 * R_BUBBLE_MAX is resolved only through the Fourier shells the box's sharp k-space filters keep: in a 128 Mpc box
 * every radius from 17.4 to 20 Mpc keeps the same ones, so the spectra cannot tell them apart; a 256 Mpc box can.
 */
class Reion21cmResolutionTest {
    private static final Parameter R_MAX = new Parameter("R_BUBBLE_MAX", "Mpc", 5, 20);

    @Test
    void theSimulatorWarnsWhenTheTopOfTheRangeIsUnresolved() {
        String warning = Reion21cmSimulator.unresolvedRadii(new Box(64, 128.0), R_MAX).orElseThrow();
        assertTrue(warning.startsWith("R_BUBBLE_MAX from 17.4 to 20.0 Mpc"), warning);
        assertTrue(Reion21cmSimulator.unresolvedRadii(new Box(64, 256.0), R_MAX).isEmpty());
        assertTrue(Reion21cmSimulator.unresolvedRadii(new Box(64, 128.0), new Parameter("R_BUBBLE_MAX", "Mpc", 5, 15)).isEmpty());
    }

    @Test
    void aLargerBoxSeesTheDifferenceBetween18And20Mpc() {
        double small = largestRelativeDifference(new Box(32, 128.0));
        double large = largestRelativeDifference(new Box(32, 256.0));
        assertTrue(small < 0.01, "128 Mpc box: R_BUBBLE_MAX 18 and 20 Mpc differ by " + small);
        assertTrue(large > 0.05, "256 Mpc box: R_BUBBLE_MAX 18 and 20 Mpc differ by only " + large);
    }

    // the largest relative difference of Delta^2(k) between R_BUBBLE_MAX = 18 and 20 Mpc late in reionization
    private static double largestRelativeDifference(Box box) {
        CoevalSimulator simulator = new CoevalSimulator(box, ReionCosmology.fiducial(), 1, false);
        PerturbedField field = simulator.perturb(simulator.initialConditions(3), 7.0);
        double[] a = simulator.delta2(simulator.ionize(field, new AstroParams(30, 4.7, 18), 1).brightnessTemperature());
        double[] b = simulator.delta2(simulator.ionize(field, new AstroParams(30, 4.7, 20), 1).brightnessTemperature());
        double largest = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isFinite(a[i]) && a[i] > 0) {
                largest = Math.max(largest, Math.abs(a[i] - b[i]) / a[i]);
            }
        }
        return largest;
    }
}
