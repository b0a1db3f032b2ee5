package io.emuflow.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The external simulator driven by a small stand-in "Boltzmann code" written in awk. */
class ExternalSimulatorTest {
    private static final List<String> NAMES = List.of("H0", "omega_b", "omega_c", "ln10As", "n_s", "z");

    /** Stand-in: P_lin = H0 * k * (1 + z), P_nl = 2 P_lin, for every input row and every k of the grid file. */
    private static final String STAND_IN = "awk -F, -v kfile={k} 'BEGIN { while ((getline l < kfile) > 0) k[n++] = l;"
            + " print \"id,z,k,P_lin,P_nl\" } NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }"
            + " { for (j = 0; j < n; j++) { p = $col[\"H0\"] * k[j] * (1 + $col[\"z\"]);"
            + " printf \"%s,%s,%s,%.17g,%.17g\\n\", $col[\"id\"], $col[\"z\"], k[j], p, 2 * p } }' {params} > {out}";

    private static ExternalSimulator simulator(String command) {
        return (ExternalSimulator) SimulatorRegistry.create("external", Map.of("command", command, "k_min", 0.01, "k_max", 1.0, "n_k", 5));
    }

    @Test
    void runsTheCommandOncePerChunkAndReadsItsCsv() {
        ExternalSimulator external = simulator(STAND_IN);
        double[][] rows = {{67.0, 0.022, 0.12, 3.0, 0.96, 0.0}, {70.0, 0.022, 0.12, 3.0, 0.96, 1.5}};
        double[][][] result = external.simulateBatch(NAMES, rows);
        double[] k = external.grid();
        assertEquals(2, result.length);
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < k.length; j++) {
                double expected = rows[i][0] * k[j] * (1 + rows[i][5]);
                assertEquals(expected, result[i][0][j], 1e-12 * expected);
                assertEquals(2 * expected, result[i][1][j], 1e-12 * expected);
            }
        }
        // one sample through the Simulator interface gives the same numbers
        assertArrayEquals(result[1][0], external.simulate(NAMES, rows[1])[0], 0);
    }

    @Test
    void theChunkRunnerCallsTheCommandOncePerChunk(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path calls = dir.resolve("calls.txt");
        ExternalSimulator external = simulator("echo call >> '" + calls + "'; " + STAND_IN);
        List<io.emuflow.data.Parameter> parameters = new java.util.ArrayList<>();
        for (String name : NAMES) {
            parameters.add(new io.emuflow.data.Parameter(name, "", 0, 100));
        }
        double[][] rows = new double[5][];
        long[] ids = new long[5];
        for (int i = 0; i < 5; i++) {
            rows[i] = new double[] {60.0 + i, 0.022, 0.12, 3.0, 0.96, 0.5 * i};
            ids[i] = 10 + i;
        }
        io.emuflow.data.SpectrumDataset samples = io.emuflow.data.SpectrumDataset.ofSamples("s", ids, parameters, rows);
        ChunkRunner.Result result = ChunkRunner.run(external, samples, 1, 4, 2);
        assertEquals(1, java.nio.file.Files.readAllLines(calls).size(), "one command run for the chunk of 3 samples");
        assertArrayEquals(new long[] {11, 12, 13}, result.chunk().index());
        double[][] pLin = result.chunk().target("P_lin").values();
        for (int i = 0; i < 3; i++) {
            double expected = rows[i + 1][0] * external.grid()[0] * (1 + rows[i + 1][5]);
            assertEquals(expected, pLin[i][0], 1e-12 * expected);
        }
    }

    @Test
    void reportsFailingAndIncompleteCommands() {
        double[][] rows = {{67.0, 0.022, 0.12, 3.0, 0.96, 0.0}};
        String failing = assertThrows(IllegalStateException.class,
                () -> simulator("echo 'no licence for CLASS' >&2; exit 3 # {out}").simulateBatch(NAMES, rows)).getMessage();
        assertTrue(failing.contains("status 3") && failing.contains("no licence"), failing);
        String incomplete = assertThrows(IllegalStateException.class,
                () -> simulator(STAND_IN + "; sed -i '$d' {out}").simulateBatch(NAMES, rows)).getMessage();
        assertTrue(incomplete.contains("lacks sample 0"), incomplete);
        String badHeader = assertThrows(IllegalStateException.class,
                () -> simulator("echo id,k,P > {out}").simulateBatch(NAMES, rows)).getMessage();
        assertTrue(badHeader.contains("lacks the column"), badHeader);
    }

    @Test
    void rejectsMissingCommand() {
        assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.create("external", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.create("external", Map.of("command", "true")));
    }

    @Test
    void aBoxWithAnUnphysicalCornerOrANegativeRedshiftIsRefused() {
        ExternalSimulator external = simulator(STAND_IN);
        List<io.emuflow.data.Parameter> box = new java.util.ArrayList<>(List.of(
                new io.emuflow.data.Parameter("H0", "", 60, 80), new io.emuflow.data.Parameter("omega_b", "", 0.019, 0.025),
                new io.emuflow.data.Parameter("omega_c", "", 0.10, 0.14), new io.emuflow.data.Parameter("ln10As", "", 2.7, 3.3),
                new io.emuflow.data.Parameter("n_s", "", 0.9, 1.01), new io.emuflow.data.Parameter("z", "", 0, 3)));
        external.checkRanges(box);
        box.set(2, new io.emuflow.data.Parameter("omega_c", "", -0.1, 0.14));
        IllegalArgumentException corner = assertThrows(IllegalArgumentException.class, () -> external.checkRanges(box));
        assertEquals("the study's parameter box contains an unphysical cosmology: cosmological parameter omega_c = -0.1"
                + " is outside the physical range [0.01, 0.5]", corner.getMessage());
        box.set(2, new io.emuflow.data.Parameter("omega_c", "", 0.10, 0.14));
        box.set(5, new io.emuflow.data.Parameter("z", "", -1, 3));
        IllegalArgumentException z = assertThrows(IllegalArgumentException.class, () -> external.checkRanges(box));
        assertTrue(z.getMessage().startsWith("parameter z has range [-1.0, 3.0]: redshifts must lie in [0, "), z.getMessage());
    }
}
