package io.emuflow.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The external simulator on a grid and targets of the study's own (a multipole grid, TT and TE), with an awk stand-in. */
class ExternalGridSimulatorTest {
    private static final List<String> NAMES = List.of("omega_b", "omega_cdm", "h", "tau_reio", "n_s", "ln10As");
    private static final List<Object> ELL = List.of(2, 3, 4, 30, 35, 2508);

    /** Stand-in: TT = h * l, TE = (omega_b - 0.0225) * l (changes sign between rows), for every row and l of {grid}. */
    private static final String STAND_IN = "awk -F, -v gfile={grid} 'BEGIN { while ((getline l < gfile) > 0) g[n++] = l;"
            + " print \"id,ell,TE,TT\" } NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }"
            + " { for (j = 0; j < n; j++) printf \"%s,%s,%.17g,%.17g\\n\", $col[\"id\"], g[j], ($col[\"omega_b\"] - 0.0225) * g[j],"
            + " $col[\"h\"] * g[j] }' {params} > {out}";

    private static Map<String, Object> settings(String command) {
        return Map.of("command", command, "parameters", NAMES, "grid", ELL, "grid_name", "ell",
                "targets", List.of("TT", "TE"), "units", Map.of("TT", "uK^2", "TE", "uK^2"));
    }

    @Test
    void anyGridAndTargetsComeBackFromTheCommandsCsv() {
        Simulator external = SimulatorRegistry.create("external", settings(STAND_IN));
        assertEquals(NAMES, external.requiredParameters());
        assertEquals("ell", external.gridName());
        assertEquals(List.of(new Simulator.TargetSpec("TT", "uK^2"), new Simulator.TargetSpec("TE", "uK^2")), external.targets());
        double[][] rows = {{0.021, 0.12, 0.67, 0.05, 0.96, 3.0}, {0.024, 0.11, 0.72, 0.06, 0.97, 3.1}};
        double[][][] result = external.simulateBatch(NAMES, rows);
        double[] ell = external.grid();
        assertEquals(ELL.size(), ell.length);
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < ell.length; j++) {
                assertEquals(rows[i][2] * ell[j], result[i][0][j], 1e-12 * ell[j], "TT");
                assertEquals((rows[i][0] - 0.0225) * ell[j], result[i][1][j], 1e-12 * ell[j], "TE, negative for row 0");
            }
        }
        assertTrue(result[0][1][0] < 0 && result[1][1][0] > 0);
        assertArrayEquals(result[1][0], external.simulate(NAMES, rows[1])[0], 0);
        assertEquals("ell", external.resolvedSettings().get("grid_name"));
        assertTrue(!external.resolvedSettings().containsKey("k_min"), "P(k) settings are not recorded for a grid of one's own");
    }

    @Test
    void missingColumnsAndMixedSettingsAreOneLineErrors() {
        Simulator noTe = SimulatorRegistry.create("external", settings(STAND_IN.replace(",TE,TT", ",TX,TT")));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> noTe.simulateBatch(NAMES, new double[][] {{0.021, 0.12, 0.67, 0.05, 0.96, 3.0}}));
        assertTrue(e.getMessage().contains("lacks the column TE") && e.getMessage().contains("id,ell,TT,TE"), e.getMessage());
        IllegalArgumentException partial = assertThrows(IllegalArgumentException.class,
                () -> SimulatorRegistry.create("external", Map.of("command", "x {out}", "targets", List.of("TT"))));
        assertTrue(partial.getMessage().contains("parameters, grid and targets"), partial.getMessage());
        Map<String, Object> mixed = new java.util.HashMap<>(settings(STAND_IN));
        mixed.put("n_k", 10);
        assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.create("external", mixed));
        Map<String, Object> unsorted = new java.util.HashMap<>(settings(STAND_IN));
        unsorted.put("grid", List.of(3, 2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.create("external", unsorted))
                .getMessage().contains("ascending"));
    }
}
