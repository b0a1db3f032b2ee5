package io.emuflow.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.data.Parameter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PowerSpectrumSimulatorTest {
    private static final List<Parameter> BOX = List.of(
            new Parameter("H0", "km/s/Mpc", 60, 80),
            new Parameter("omega_b", "", 0.019, 0.025),
            new Parameter("omega_c", "", 0.10, 0.14),
            new Parameter("ln10As", "", 2.7, 3.3),
            new Parameter("n_s", "", 0.90, 1.02),
            new Parameter("z", "", 0, 3));

    @Test
    void halofitGivesFinitePositiveSpectraAtTheBoxCorners() {
        Simulator simulator = SimulatorRegistry.createFor("halofit", Map.of("n_k", 50), BOX);
        List<String> names = BOX.stream().map(Parameter::name).toList();
        assertEquals(List.of("P_lin", "P_nl"), simulator.targets().stream().map(Simulator.TargetSpec::name).toList());
        for (int corner = 0; corner < 64; corner += 7) {
            double[] values = new double[BOX.size()];
            for (int j = 0; j < values.length; j++) {
                values[j] = ((corner >> j) & 1) == 0 ? BOX.get(j).lower() : BOX.get(j).upper();
            }
            double[][] spectra = simulator.simulate(names, values);
            assertEquals(2, spectra.length);
            for (double[] spectrum : spectra) {
                assertEquals(50, spectrum.length);
                for (double v : spectrum) {
                    assertTrue(v > 0 && Double.isFinite(v), "corner " + corner + " gave " + v);
                }
            }
            // Halofit adds power on small scales
            assertTrue(spectra[1][49] > spectra[0][49]);
        }
    }

    @Test
    void rejectsUnphysicalBoxAndUnknownSettings() {
        List<Parameter> bad = List.of(new Parameter("H0", "", 60, 80), new Parameter("omega_b", "", -0.01, 0.025),
                new Parameter("omega_c", "", 0.1, 0.14), new Parameter("ln10As", "", 2.7, 3.3), new Parameter("n_s", "", 0.9, 1.0),
                new Parameter("z", "", 0, 3));
        String message = assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.createFor("halofit", Map.of(), bad)).getMessage();
        assertTrue(message.contains("omega_b"), message);
        assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.create("halofit", Map.of("k_mni", 1e-3)));
    }
}
