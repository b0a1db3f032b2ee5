package io.emuflow.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.data.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LatinHypercubeTest {
    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("H0", "km/s/Mpc", 60, 80),
            new Parameter("omega_b", "", 0.019, 0.026),
            new Parameter("n_s", "", 0.84, 1.1),
            new Parameter("z", "", 0, 3));

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 100, 1000})
    void everyStratumOfEveryParameterHoldsExactlyOneSample(int n) {
        double[][] design = LatinHypercube.sample(PARAMETERS, n, 42);
        assertEquals(n, design.length);
        for (int j = 0; j < PARAMETERS.size(); j++) {
            Parameter p = PARAMETERS.get(j);
            double width = (p.upper() - p.lower()) / n;
            int[] hits = new int[n];
            for (double[] row : design) {
                assertTrue(row[j] >= p.lower() && row[j] <= p.upper(), p.name() + " = " + row[j] + " outside its range");
                int stratum = Math.min(n - 1, (int) Math.floor((row[j] - p.lower()) / width));
                hits[stratum]++;
            }
            int[] once = new int[n];
            Arrays.fill(once, 1);
            assertArrayEquals(once, hits, "strata of " + p.name());
        }
    }

    @Test
    void sameSeedGivesBitIdenticalDesignAndAnotherSeedDoesNot() {
        double[][] a = LatinHypercube.sample(PARAMETERS, 50, 7);
        double[][] b = LatinHypercube.sample(PARAMETERS, 50, 7);
        double[][] c = LatinHypercube.sample(PARAMETERS, 50, 8);
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                assertEquals(Double.doubleToRawLongBits(a[i][j]), Double.doubleToRawLongBits(b[i][j]));
            }
        }
        assertFalse(Arrays.deepEquals(a, c));
    }

    @Test
    void columnsAreNotCorrelatedByConstruction() {
        // each column has its own permutation: with 1000 samples the strata of two columns must not coincide
        double[][] design = LatinHypercube.sample(PARAMETERS, 1000, 3);
        int same = 0;
        for (double[] row : design) {
            int s0 = (int) ((row[0] - 60) / 20 * 1000);
            int s3 = (int) (row[3] / 3 * 1000);
            same += s0 == s3 ? 1 : 0;
        }
        assertTrue(same < 10, "columns 0 and 3 share strata in " + same + " rows");
    }

    @Test
    void rejectsAnEmptyDesign() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LatinHypercube.sample(PARAMETERS, 0, 1));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }

    @Test
    void permutationHoldsEachIndexOnce() {
        int[] p = LatinHypercube.permutation(257, new SplittableRandom(5));
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        assertFalse(Arrays.equals(p, sorted), "a shuffle of 257 items left them in order");
    }
}
