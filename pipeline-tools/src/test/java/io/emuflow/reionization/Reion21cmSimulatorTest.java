package io.emuflow.reionization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.simulate.ChunkRunner;
import io.emuflow.simulate.Simulator;
import io.emuflow.simulate.SimulatorRegistry;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The "reion21cm" simulator as the pipeline sees it (through the registry and the chunk runner). */
class Reion21cmSimulatorTest {
    private static final List<String> NAMES = List.of("R_BUBBLE_MAX", "HII_EFF_FACTOR", "ION_Tvir_MIN");
    private static final List<Parameter> PARAMETERS = List.of(new Parameter("R_BUBBLE_MAX", "Mpc", 5, 20),
            new Parameter("HII_EFF_FACTOR", "", 5, 200), new Parameter("ION_Tvir_MIN", "log10 K", 4, 6));

    private static Map<String, Object> small(Object... extra) {
        Map<String, Object> settings = new HashMap<>(Map.of("hii_dim", 16, "box_length", 32.0, "redshifts", List.of(8, 9.5)));
        for (int i = 0; i < extra.length; i += 2) {
            settings.put((String) extra[i], extra[i + 1]);
        }
        return settings;
    }

    private static SpectrumDataset samples() {
        double[][] params = {{15, 30, 4.7}, {8, 120, 5.5}, {19, 10, 4.1}, {12, 60, 5.0}};
        return SpectrumDataset.ofSamples("test", new long[] {0, 1, 2, 3}, PARAMETERS, params);
    }

    @Test
    void targetsAreOneSpectrumPerRedshiftOnTheLogKGrid() {
        Simulator simulator = SimulatorRegistry.createFor("reion21cm", small(), PARAMETERS);
        assertEquals(List.of("delta2_z8", "delta2_z9p5"), simulator.targets().stream().map(Simulator.TargetSpec::name).toList());
        assertEquals("mK^2", simulator.targets().get(0).units());
        assertEquals(20, simulator.grid().length);
        assertEquals("1/Mpc", simulator.gridUnits());
        double[][] out = simulator.simulate(NAMES, new double[] {15, 30, 4.7});
        assertEquals(2, out.length);
        assertTrue(Double.isNaN(out[0][1]), "empty bins are NaN");
        assertTrue(Arrays.stream(out[0]).filter(Double::isFinite).allMatch(v -> v >= 0));
        assertTrue(Arrays.stream(out[0]).anyMatch(v -> v > 0));
    }

    /** A sample's spectra depend on its parameters only: not on the chunk, the order or the thread count. */
    @Test
    void samplesAreReproducibleAcrossThreadsAndChunks() {
        for (int fields : new int[] {0, 2}) {
            Simulator simulator = SimulatorRegistry.createFor("reion21cm", small("fields", fields), PARAMETERS);
            SpectrumDataset all = ChunkRunner.run(simulator, samples(), 0, 4, 1).chunk();
            SpectrumDataset parallel = ChunkRunner.run(SimulatorRegistry.createFor("reion21cm", small("fields", fields), PARAMETERS),
                    samples(), 0, 4, 2).chunk();
            SpectrumDataset tail = ChunkRunner.run(SimulatorRegistry.createFor("reion21cm", small("fields", fields), PARAMETERS),
                    samples(), 2, 4, 1).chunk();
            for (String target : List.of("delta2_z8", "delta2_z9p5")) {
                double[][] a = all.target(target).values();
                double[][] b = parallel.target(target).values();
                double[][] c = tail.target(target).values();
                for (int i = 0; i < 4; i++) {
                    assertArrayEquals(a[i], b[i], 0.0, "fields " + fields + ", sample " + i);
                }
                assertArrayEquals(a[2], c[0], 0.0);
                assertArrayEquals(a[3], c[1], 0.0);
            }
        }
    }

    @Test
    void theStudySeedChangesTheFields() {
        Simulator one = SimulatorRegistry.create("reion21cm", small("seed", 1));
        Simulator two = SimulatorRegistry.create("reion21cm", small("seed", 2));
        double[] values = {15, 30, 4.7};
        assertFalse(Arrays.equals(one.simulate(NAMES, values)[0], two.simulate(NAMES, values)[0]));
    }

    @Test
    void badSettingsAndRangesGiveClearErrors() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> SimulatorRegistry.create("reion21cm", small("hii_dims", 32)));
        assertTrue(unknown.getMessage().contains("hii_dims"));
        assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.create("reion21cm", small("redshifts", List.of())));
        assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.create("reion21cm", small("redshifts", List.of(8, 8.0))));
        assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.create("reion21cm", small("redshifts", List.of(2))));
        assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.create("reion21cm", small("poisson", "yes")));
        assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.create("reion21cm", small("fields", -1)));
        assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.create("reion21cm", small("hii_dim", 15)));
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.createFor("reion21cm", small(),
                List.of(new Parameter("HII_EFF_FACTOR", "", 5, 200), new Parameter("ION_Tvir_MIN", "K", 1e4, 1e6),
                        new Parameter("R_BUBBLE_MAX", "Mpc", 5, 20))));
        assertTrue(range.getMessage().contains("ION_Tvir_MIN"));
        assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.createFor("reion21cm", small(), PARAMETERS.subList(0, 2)));
    }
}
