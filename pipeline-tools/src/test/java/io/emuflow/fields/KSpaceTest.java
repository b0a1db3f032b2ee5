package io.emuflow.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The sharp k-space filter's discrete mode sets, checked by counting the modes the filter really keeps. */
class KSpaceTest {

    /** 1 / (F kf sqrt 8) for a 128 Mpc box: 7 is not a sum of three squares, so the step is from 6 to 8. */
    @Test
    void largeRadiiOfA128MpcBoxShareTheirModesDownTo17Mpc() {
        Box box = new Box(16, 128.0);
        double expected = 1 / (KSpace.SHARP_K_FACTOR * (2 * Math.PI / 128) * Math.sqrt(8));
        assertEquals(17.41, expected, 0.01);
        assertEquals(expected, KSpace.sameModesFrom(box, 20.0), 1e-9);
        assertEquals(expected, KSpace.sameModesFrom(box, 18.0), 1e-9);
    }

    @Test
    void radiiAboveTheBoundKeepTheSameModesAndRadiiBelowKeepMore() {
        for (Box box : new Box[] {new Box(32, 128.0), new Box(32, 256.0), new Box(24, 60.0)}) {
            for (double radius : new double[] {1.0, 3.3, 7.0, 12.5, 20.0}) {
                double from = KSpace.sameModesFrom(box, radius);
                assertTrue(from <= radius, box + " R = " + radius);
                int kept = keptModes(box, radius);
                if (from == 0) {
                    assertEquals(box.cells(), kept, box + " R = " + radius + " keeps every mode");
                    continue;
                }
                assertEquals(kept, keptModes(box, from * 1.0001), box + " R = " + radius);
                assertEquals(kept, keptModes(box, 0.5 * (from + radius)), box + " R = " + radius);
                assertTrue(keptModes(box, from * 0.9999) > kept, box + " R = " + radius);
            }
        }
    }

    private static int keptModes(Box box, double radius) {
        double[] ones = new double[2 * box.cells()];
        Arrays.fill(ones, 1.0);
        double[] filtered = KSpace.sharpK(box, ones, radius);
        int kept = 0;
        for (int c = 0; c < filtered.length; c += 2) {
            kept += filtered[c] != 0 ? 1 : 0;
        }
        return kept;
    }
}
