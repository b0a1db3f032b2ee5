package io.emuflow.ml.inverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ParameterClassesTest {
    // HII_EFF_FACTOR over 21CMMC's range in 25 classes: width (200 - 5) / 25 = 7.8
    final ParameterClasses zeta = new ParameterClasses("HII_EFF_FACTOR", 5, 200, 25);

    @Test
    void edgesAreEqualWidthFromLowerToUpper() {
        double[] edges = zeta.edges();
        assertEquals(26, edges.length);
        assertEquals(5.0, edges[0]);
        assertEquals(200.0, edges[25]);
        assertEquals(7.8, zeta.width(), 1e-12);
        for (int c = 0; c < 25; c++) {
            assertEquals(5 + 7.8 * c, edges[c], 1e-9);
        }
        assertEquals(5 + 7.8 * 0.5, zeta.centre(0), 1e-12);
        assertEquals(200 - 7.8 * 0.5, zeta.centre(24), 1e-12);
    }

    @Test
    void everyEdgeOpensItsClassAndTheUpperEdgeClosesTheLast() {
        double[] edges = zeta.edges();
        for (int c = 0; c < 25; c++) {
            assertEquals(c, zeta.classOf(edges[c]), "edge " + edges[c]);
            assertEquals(c, zeta.classOf(zeta.centre(c)));
            if (c > 0) {
                assertEquals(c - 1, zeta.classOf(Math.nextDown(edges[c])), "just below edge " + edges[c]);
            }
        }
        assertEquals(24, zeta.classOf(200));
        // ION_Tvir_MIN in [4, 6]: 0.08 wide classes; 4.1 is in class 1 ([4.08, 4.16)), 5.999 in class 24
        ParameterClasses tvir = new ParameterClasses("ION_Tvir_MIN", 4, 6, 25);
        assertEquals(1, tvir.classOf(4.1));
        assertEquals(12, tvir.classOf(5.0)); // [4.96, 5.04)
        assertEquals(24, tvir.classOf(5.999));
    }

    @Test
    void valuesOutsideTheRangeAreClampedAndNaNRefused() {
        assertEquals(0, zeta.classOf(-1));
        assertEquals(24, zeta.classOf(1e9));
        assertThrows(IllegalArgumentException.class, () -> zeta.classOf(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> zeta.centre(25));
        assertThrows(IllegalArgumentException.class, () -> new ParameterClasses("x", 1, 1, 25));
        assertThrows(IllegalArgumentException.class, () -> new ParameterClasses("x", 0, 1, 1));
    }
}
