package io.emuflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterTableTest {
    private static final List<String> NAMES = List.of("H0", "omega_b", "n_s");

    @TempDir
    Path dir;

    @Test
    void readsColumnsInTheOrderTheModelExpects() throws IOException {
        Path csv = Files.writeString(dir.resolve("p.csv"), "n_s, H0 ,omega_b\n0.96,67.5,0.0224\n\n1.0,70,0.022\n");
        ParameterTable t = ParameterTable.fromCsv(csv, NAMES);
        assertArrayEquals(new long[] {0, 1}, t.ids());
        assertArrayEquals(new double[][] {{67.5, 0.0224, 0.96}, {70, 0.022, 1.0}}, t.rows());
    }

    @Test
    void keepsAnIdColumn() throws IOException {
        Path csv = Files.writeString(dir.resolve("p.csv"), "id,H0,omega_b,n_s\n17,67.5,0.0224,0.96\n3,70,0.022,1\n");
        assertArrayEquals(new long[] {17, 3}, ParameterTable.fromCsv(csv, NAMES).ids());
    }

    @Test
    void badFilesNameTheProblem() throws IOException {
        assertError("H0,omega_b,n_s,w0\n1,2,3,4\n", "unknown column 'w0'");
        assertError("H0,omega_b\n67,0.02\n", "line 2: parameter n_s is missing");
        assertError("H0,omega_b,n_s\n67,abc,1\n", "omega_b = 'abc' is not a number");
        assertError("H0,omega_b,n_s\n67,NaN,1\n", "omega_b is NaN, not a finite number");
        assertError("H0,omega_b,n_s\n", "has no rows");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ParameterTable.fromCsv(dir.resolve("none.csv"), NAMES))
                .getMessage().contains("does not exist"));
    }

    @Test
    void pairsGiveOneRow() {
        ParameterTable t = ParameterTable.fromPairs(List.of("n_s=0.96", "H0 = 67.5", "omega_b=0.0224"), NAMES);
        assertArrayEquals(new double[][] {{67.5, 0.0224, 0.96}}, t.rows());
        assertPairsError(List.of("H0=67", "omega_b=0.02"), "parameter n_s is missing");
        assertPairsError(List.of("H0=67", "omega_b=0.02", "n_s=1", "w=1"), "unknown parameter 'w'");
        assertPairsError(List.of("H0:67"), "is not NAME=VALUE");
        assertPairsError(List.of("H0=x", "omega_b=0.02", "n_s=1"), "H0 = 'x' is not a number");
    }

    private void assertError(String csvText, String expected) throws IOException {
        Path csv = Files.writeString(dir.resolve("bad.csv"), csvText);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParameterTable.fromCsv(csv, NAMES));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static void assertPairsError(List<String> pairs, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParameterTable.fromPairs(pairs, NAMES));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
