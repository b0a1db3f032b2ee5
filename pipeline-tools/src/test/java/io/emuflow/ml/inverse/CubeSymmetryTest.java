package io.emuflow.ml.inverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The 48 symmetries of the cube used as augmentation. */
class CubeSymmetryTest {
    static final int D = 4;

    /** A box whose cells all differ: cell (i, j, k) holds i*D*D + j*D + k. */
    static float[] labelled() {
        float[] box = new float[D * D * D];
        for (int c = 0; c < box.length; c++) {
            box[c] = c;
        }
        return box;
    }

    static float[] apply(int s, float[] box) {
        float[] out = new float[box.length];
        CubeSymmetry.apply(s, box, 0, out, 0, D);
        return out;
    }

    @Test
    void fortyEightDistinctPermutationsOfTheCellsIdentityFirst() {
        float[] box = labelled();
        assertArrayEquals(box, apply(0, box));
        Set<String> seen = new HashSet<>();
        for (int s = 0; s < CubeSymmetry.COUNT; s++) {
            float[] out = apply(s, box);
            float[] sorted = out.clone();
            Arrays.sort(sorted);
            assertArrayEquals(box, sorted, "symmetry " + s + " moves every cell exactly once");
            seen.add(Arrays.toString(out));
        }
        assertEquals(48, seen.size(), "no two symmetries give the same box");
    }

    @Test
    void neighboursStayNeighboursAndTheGroupIsClosed() {
        float[] box = labelled();
        Set<String> all = new HashSet<>();
        for (int s = 0; s < CubeSymmetry.COUNT; s++) {
            all.add(Arrays.toString(apply(s, box)));
        }
        for (int s = 0; s < CubeSymmetry.COUNT; s++) {
            float[] out = apply(s, box);
            // cells adjacent along an axis of the output come from cells adjacent along some axis of the input
            for (int c = 0; c + 1 < out.length; c++) {
                if ((c + 1) % D == 0) {
                    continue;
                }
                int a = (int) out[c];
                int b = (int) out[c + 1];
                int[] da = {a / (D * D) - b / (D * D), (a / D) % D - (b / D) % D, a % D - b % D};
                assertEquals(1, Math.abs(da[0]) + Math.abs(da[1]) + Math.abs(da[2]), "symmetry " + s + " cell " + c);
            }
            for (int t = 0; t < CubeSymmetry.COUNT; t++) {
                String composed = Arrays.toString(apply(t, out));
                assertEquals(true, all.contains(composed), "symmetry " + t + " after " + s + " is one of the 48");
            }
        }
    }

    @Test
    void symmetryOneReflectsTheFirstAxis() {
        float[] out = apply(1, labelled());
        assertEquals((D - 1) * D * D, out[0], 0); // cell (0,0,0) comes from (D-1, 0, 0)
        assertThrows(IllegalArgumentException.class, () -> apply(48, labelled()));
    }
}
