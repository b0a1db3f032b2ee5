package io.emuflow.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.data.BoxSpec;
import io.emuflow.data.Parameter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The halo-boxes simulator: shapes, units, determinism, channels that agree with each other, and its errors. */
class HaloBoxesSimulatorTest {
    private static final List<String> NAMES = List.of("sigma_8", "Omega_m");

    private static Map<String, Object> small() {
        Map<String, Object> s = new HashMap<>();
        s.put("box_length", 64.0);
        s.put("particle_grid", 32);
        s.put("pm_steps", 5);
        s.put("halo_mass_min", 0.0);
        s.put("seed", 11);
        return s;
    }

    @Test
    void boxesHaveTheDeclaredShapesAndConsistentChannels() {
        Simulator sim = SimulatorRegistry.create("halo-boxes", small());
        assertEquals(List.of("nhalo", "mass", "speed"), sim.boxes().stream().map(BoxSpec::name).toList());
        for (BoxSpec spec : sim.boxes()) {
            assertEquals(32, spec.dim());
            assertEquals(64.0 / 0.6711, spec.boxLengthMpc(), 1e-9, "attribute box_length_mpc is in Mpc");
        }
        assertEquals("M_sun/h", sim.boxes().get(1).units());
        assertEquals("km/s", sim.boxes().get(2).units());
        assertEquals(List.of(new Simulator.TargetSpec("pk_halo", "(Mpc/h)^3")), sim.targets());
        Simulator.Output out = sim.simulateWithBoxes(NAMES, new double[] {0.9, 0.3});
        assertEquals(3, out.boxes().length);
        double halos = 0;
        for (int c = 0; c < 32 * 32 * 32; c++) {
            float n = out.boxes()[0][c];
            halos += n;
            assertEquals(Math.rint(n), n, "counts are whole numbers");
            assertEquals(n == 0, out.boxes()[1][c] == 0, "mass is zero exactly where there is no halo");
            assertEquals(n == 0, out.boxes()[2][c] == 0, "speed is zero exactly where there is no halo");
            if (n > 0) {
                // every halo has at least min_halo_particles (10) particles of rho_crit Omega_m (2 Mpc/h)^3
                assertTrue(out.boxes()[1][c] >= n * 10 * 2.77536627e11 * 0.3 * 8 * (1 - 1e-6));
                assertTrue(out.boxes()[2][c] > 10 && out.boxes()[2][c] < 3000, "halo speeds are of order 100s of km/s");
            }
        }
        assertTrue(halos > 20, "a 64 Mpc/h box at sigma_8 0.9 has tens of halos, got " + halos);
        double[] pk = out.spectra()[0];
        assertEquals(sim.grid().length, pk.length);
        // on the smallest scales P_hh tends to the shot noise V / N_halo times the CIC aliasing factor of Jing 2005
        // (ApJ 620, 559, eq. 20), prod_i (1 - 2/3 sin^2(pi k_i / 2 k_N)): between 1/27 and 1
        double shot = 64.0 * 64 * 64 / halos;
        for (double p : pk) {
            assertTrue(p > 0 && Double.isFinite(p), "P_hh is positive: " + Arrays.toString(pk));
        }
        assertTrue(pk[pk.length - 1] > shot / 27 && pk[pk.length - 1] < shot, "top bin " + pk[pk.length - 1] + " against shot noise " + shot);
        assertArrayEquals(pk, sim.simulate(NAMES, new double[] {0.9, 0.3})[0], 0, "simulate gives the same spectrum");
    }

    @Test
    void aSampleIsBitIdenticalWhenSimulatedAgainAndDiffersFromAnother() {
        double[] row = {0.8, 0.35};
        Simulator.Output a = SimulatorRegistry.create("halo-boxes", small()).simulateWithBoxes(NAMES, row);
        Simulator.Output b = SimulatorRegistry.create("halo-boxes", small()).simulateWithBoxes(NAMES, row);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(a.boxes()[i], b.boxes()[i], 0f);
        }
        assertArrayEquals(a.spectra()[0], b.spectra()[0], 0);
        Simulator.Output other = SimulatorRegistry.create("halo-boxes", small()).simulateWithBoxes(NAMES, new double[] {0.8, 0.3500001});
        assertFalse(Arrays.equals(a.boxes()[0], other.boxes()[0]), "another sample has its own seed");
        Map<String, Object> otherSeed = small();
        otherSeed.put("seed", 12);
        assertFalse(Arrays.equals(a.boxes()[0], SimulatorRegistry.create("halo-boxes", otherSeed).simulateWithBoxes(NAMES, row).boxes()[0]),
                "another study seed gives other boxes");
    }

    @Test
    void moreMatterAndMoreClusteringMakeMoreMassiveHalos() {
        Simulator sim = SimulatorRegistry.create("halo-boxes", small());
        double low = sum(sim.simulateWithBoxes(NAMES, new double[] {0.6, 0.2}).boxes()[1]);
        double high = sum(sim.simulateWithBoxes(NAMES, new double[] {1.0, 0.45}).boxes()[1]);
        assertTrue(high > 3 * low, "mass in halos grows steeply with sigma_8 and Omega_m: " + low + " -> " + high);
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }

    @Test
    void rangesAndSettingsAreCheckedWithOneLineErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.createFor("halo-boxes", small(),
                List.of(new Parameter("Omega_m", "", 0.05, 0.5), new Parameter("sigma_8", "", 0.6, 1.0))));
        assertEquals("parameter Omega_m has range [0.05, 0.5]: the halo-boxes simulator covers Omega_m in [0.1, 0.6]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.createFor("halo-boxes", small(),
                List.of(new Parameter("Omega_m", "", 0.1, 0.5), new Parameter("sigma_8", "", 0.6, 1.5))));
        assertEquals("parameter sigma_8 has range [0.6, 1.5]: the halo-boxes simulator covers sigma_8 in [0.4, 1.2]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.createFor("halo-boxes", small(),
                List.of(new Parameter("Omega_m", "", 0.1, 0.5))));
        assertEquals("simulator halo-boxes needs the parameter 'sigma_8', which the study does not sample", e.getMessage());
        Map<String, Object> none = small();
        none.put("save_boxes", List.of());
        e = assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.create("halo-boxes", none));
        assertEquals("simulator halo-boxes always saves boxes: 'save_boxes' must name at least one of [nhalo, mass, speed]", e.getMessage());
        Map<String, Object> unknown = small();
        unknown.put("save_boxes", List.of("nhalo", "density"));
        e = assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.create("halo-boxes", unknown));
        assertEquals("simulator halo-boxes setting 'save_boxes': unknown box 'density' (known: nhalo, mass, speed)", e.getMessage());
        Map<String, Object> odd = small();
        odd.put("particle_grid", 33);
        e = assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.create("halo-boxes", odd));
        assertEquals("simulator halo-boxes: the particle grid must be an even number in [8, 512], got 33", e.getMessage());
        Map<String, Object> subset = small();
        subset.put("save_boxes", List.of("speed", "nhalo"));
        assertEquals(List.of("nhalo", "speed"), SimulatorRegistry.create("halo-boxes", subset).boxes().stream().map(BoxSpec::name).toList(),
                "a subset of the boxes, in the canonical order");
    }
}
