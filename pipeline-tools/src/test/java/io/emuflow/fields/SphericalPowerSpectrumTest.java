package io.emuflow.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SphericalPowerSpectrumTest {
    private static final Box BOX = new Box(64, 128);
    private final SphericalPowerSpectrum spectrum = new SphericalPowerSpectrum(BOX, 20);

    /** Edges and empty bins as in the reference README: 0.0491 to 1.5708 1/Mpc, bin 1 empty, bin 4 has 30 modes. */
    @Test
    void binsFollowTheReferenceConvention() {
        double[] edges = spectrum.edges();
        assertEquals(21, edges.length);
        assertEquals(2 * Math.PI / 128, edges[0], 1e-12);
        assertEquals(Math.PI * 64 / 128, edges[20], 1e-12);
        assertEquals(0.0584, edges[1], 1e-4);
        assertEquals(0.0694, edges[2], 1e-4);
        long[] counts = spectrum.modeCounts();
        assertEquals(6, counts[0]); // |n| = 1
        assertEquals(0, counts[1]);
        assertEquals(30, counts[4]); // |n|^2 = 4 (on the lower edge) and 5
        assertEquals(0.51, spectrum.centres()[13], 0.005);
    }

    @Test
    void emptyBinsAreNaN() {
        double[] field = new double[BOX.cells()];
        for (int c = 0; c < field.length; c++) {
            field[c] = Math.sin(c * 0.37);
        }
        double[] d2 = spectrum.dimensionless(field);
        assertTrue(Double.isNaN(d2[1]));
        assertTrue(Double.isFinite(d2[0]) && Double.isFinite(d2[13]));
    }

    /**
     * A plane wave A cos(k0 x) along x puts |T(+-k0)|^2 = (A L^3 / 2)^2 into its two modes: P = A^2 L^3 / 4 each,
     * so its bin's Delta^2 is 2 (k0^3 A^2 L^3 / 4 / (2 pi^2)) / N_bin; every other bin is zero.
     */
    @Test
    void planeWaveLandsInItsBinWithTheRightAmplitude() {
        int mode = 7;
        double amplitude = 3.0;
        double k0 = mode * BOX.kFundamental();
        double[] field = new double[BOX.cells()];
        for (int i = 0; i < BOX.n(); i++) {
            for (int j = 0; j < BOX.n(); j++) {
                for (int k = 0; k < BOX.n(); k++) {
                    field[BOX.index(i, j, k)] = 5 + amplitude * Math.cos(2 * Math.PI * mode * i / BOX.n());
                }
            }
        }
        double[] d2 = spectrum.dimensionless(field);
        double[] edges = spectrum.edges();
        int bin = -1;
        for (int b = 0; b < 20; b++) {
            if (k0 >= edges[b] && k0 < edges[b + 1]) {
                bin = b;
            }
        }
        double l3 = BOX.volume();
        double expected = 2 * (k0 * k0 * k0 * amplitude * amplitude * l3 / 4 / (2 * Math.PI * Math.PI)) / spectrum.modeCounts()[bin];
        assertEquals(expected, d2[bin], 1e-9 * expected);
        for (int b = 0; b < 20; b++) {
            if (b != bin && !Double.isNaN(d2[b])) {
                assertEquals(0, d2[b], 1e-9 * expected);
            }
        }
    }

    @Test
    void rejectsBadBoxesAndBins() {
        assertThrows(IllegalArgumentException.class, () -> new Box(63, 100));
        assertThrows(IllegalArgumentException.class, () -> new Box(64, -1));
        assertThrows(IllegalArgumentException.class, () -> new SphericalPowerSpectrum(BOX, 0));
    }
}
