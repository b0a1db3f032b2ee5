package io.emuflow.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.data.Parameter;
import io.emuflow.halomodel.HaloModel;
import io.emuflow.halomodel.HaloModelPoint;
import io.emuflow.halomodel.HaloModelSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The `halomodel` simulator as the pipeline uses it: registry, box check, grid, targets and NaN rows. */
class HaloModelSimulatorTest {
    private static final List<Parameter> BOX = List.of(new Parameter("Omega_c", "", 0.1, 0.6), new Parameter("Omega_b", "", 0.04, 0.06),
            new Parameter("h", "", 0.64, 0.82), new Parameter("sigma_8", "", 0.8, 1.0), new Parameter("n_s", "", 0.84, 1.1),
            new Parameter("alpha", "", 0, 1), new Parameter("sigma", "", 0.01, 1), new Parameter("log10_M_th", "M_sun/h", 10, 15),
            new Parameter("log10_M_prime", "M_sun/h", 10, 17), new Parameter("beta", "", 0.1, 2));

    @Test
    void simulatesTheTenSpectraOfTheLibraryOnFiftyK() {
        Simulator simulator = SimulatorRegistry.createFor("halomodel", Map.of(), BOX);
        double[] k = simulator.grid();
        assertEquals(50, k.length);
        assertEquals(1e-3, k[0]);
        assertEquals(10, k[49]);
        List<String> names = new ArrayList<>();
        simulator.targets().forEach(t -> names.add(t.name()));
        assertEquals(HaloModel.NAMES, names);
        List<String> order = BOX.stream().map(Parameter::name).toList();
        double[] values = {0.26, 0.049, 0.67, 0.81, 0.965, 0.7, 0.2, 12.1, 13.4, 1.1};
        double[][] spectra = simulator.simulate(order, values);
        double[][] library = HaloModelPoint.fromMap(Map.of("Omega_c", 0.26, "Omega_b", 0.049, "h", 0.67, "sigma_8", 0.81, "n_s", 0.965,
                "alpha", 0.7, "sigma", 0.2, "log10_M_th", 12.1, "log10_M_prime", 13.4, "beta", 1.1)).spectra(k, 0, HaloModelSettings.defaults());
        for (int t = 0; t < spectra.length; t++) {
            assertArrayEquals(library[t], spectra[t], 0, HaloModel.NAMES.get(t));
            for (double v : spectra[t]) {
                assertTrue(v > 0 && Double.isFinite(v));
            }
        }
        // same input, same bits
        assertArrayEquals(spectra[9], simulator.simulate(order, values)[9], 0);
    }

    @Test
    void aPointWithoutGalaxiesBecomesANanRowForTheCleanStep() {
        Simulator simulator = SimulatorRegistry.create("halomodel", Map.of());
        List<String> order = BOX.stream().map(Parameter::name).toList();
        // every central above 1e19 M_sun/h, beyond the mass grid: n_g = 0, so the galaxy spectra are undefined
        double[][] spectra = simulator.simulate(order, new double[] {0.26, 0.049, 0.67, 0.81, 0.965, 0.7, 0.01, 19.0, 19.5, 1.1});
        for (double[] row : spectra) {
            for (double v : row) {
                assertTrue(Double.isNaN(v), "the whole row is NaN, P_lin included, so drop-rows removes the sample");
            }
        }
    }

    @Test
    void rejectsBoxesWithUnphysicalCornersAndUnknownSettings() {
        List<Parameter> bad = new ArrayList<>(BOX);
        bad.set(5, new Parameter("alpha", "", 0, 1.5));
        assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.createFor("halomodel", Map.of(), bad));
        assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.create("halomodel", Map.of("mass_function", "press-schechter")));
        assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.create("halomodel", Map.of("k_max", 1e4)));
    }
}
