package io.emuflow.fields;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class ZeldovichTest {
    private static final Box BOX = new Box(32, 64);
    private static final DoubleUnaryOperator POWER = k -> 50 * Math.pow(k / 0.2, -2.0);

    /** 21cmFAST's three sub-particles per cell side at offsets -1/3, 0, 1/3 share a cell's mass 1/9, 7/9, 1/9. */
    @Test
    void subparticleKernelAtRest() {
        double[] offsets = {-1.0 / 3, 0, 1.0 / 3};
        double[] weights = new double[3];
        int base = Zeldovich.kernel(10, 0.0, offsets, weights);
        assertEquals(9, base);
        assertArrayEquals(new double[] {1.0 / 9, 7.0 / 9, 1.0 / 9}, weights, 1e-15);
        int shifted = Zeldovich.kernel(10, 0.5, offsets, weights);
        assertEquals(10, shifted); // sub-particles at 1/6, 1/2, 5/6 past the centre
        assertArrayEquals(new double[] {(5.0 / 6 + 1.0 / 2 + 1.0 / 6) / 3, (1.0 / 6 + 1.0 / 2 + 5.0 / 6) / 3, 0}, weights, 1e-15);
    }

    @Test
    void noDisplacementLeavesAUniformBox() {
        double[] zero = new double[BOX.cells()];
        Zeldovich.Displacement none = new Zeldovich.Displacement(zero, zero, zero, zero);
        for (int s : new int[] {1, 3}) {
            double[] delta = Zeldovich.evolvedDensity(BOX, none, 1.0, 0.0, s);
            for (double d : delta) {
                assertEquals(0, d, 1e-14);
            }
        }
    }

    /** A uniform shift moves the whole box and leaves it uniform; any displacement conserves mass. */
    @Test
    void uniformShiftStaysUniformAndMassIsConserved() {
        double[] shift = new double[BOX.cells()];
        java.util.Arrays.fill(shift, 0.37 * BOX.cellSize());
        double[] zero = new double[BOX.cells()];
        double[] uniform = Zeldovich.evolvedDensity(BOX, new Zeldovich.Displacement(shift, zero, shift, zero), 1.0, 0.0, 3);
        for (double d : uniform) {
            assertEquals(0, d, 1e-13);
        }
        Zeldovich.Displacement random = Zeldovich.displacement(BOX, GaussianRandomField.spectrum(BOX, POWER, 4));
        double[] evolved = Zeldovich.evolvedDensity(BOX, random, 1.0, 0.0, 3);
        double sum = 0;
        for (double d : evolved) {
            sum += d;
        }
        assertEquals(0, sum / evolved.length, 1e-12);
    }

    /** delta = -div psi: the displacement of a field reproduces the field through a finite-difference divergence. */
    @Test
    void displacementDivergenceIsMinusTheDensity() {
        double[] deltaK = GaussianRandomField.spectrum(BOX, k -> k < 0.4 ? POWER.applyAsDouble(k) : 0, 11);
        Zeldovich.Displacement psi = Zeldovich.displacement(BOX, deltaK);
        // spectral divergence i k . psi(k) of the transformed displacements, compared mode by mode
        double[] dx = Fft3.forward(BOX, psi.x());
        double[] dy = Fft3.forward(BOX, psi.y());
        double[] dz = Fft3.forward(BOX, psi.z());
        double maxError = 0;
        double maxDelta = 0;
        for (int i = 0; i < BOX.n(); i++) {
            for (int j = 0; j < BOX.n(); j++) {
                for (int k = 0; k < BOX.n(); k++) {
                    int c = 2 * BOX.index(i, j, k);
                    // i k . psi(k): real part = -(kx Im psi_x + ky Im psi_y + kz Im psi_z)
                    double re = -(BOX.wavenumber(i) * dx[c + 1] + BOX.wavenumber(j) * dy[c + 1] + BOX.wavenumber(k) * dz[c + 1]);
                    maxError = Math.max(maxError, Math.abs(re + deltaK[c]));
                    maxDelta = Math.max(maxDelta, Math.abs(deltaK[c]));
                }
            }
        }
        assertTrue(maxError < 1e-10 * maxDelta, "max error " + maxError + " of " + maxDelta);
    }

    /**
     * In the linear regime the evolved density is the linear density times the growth. On the largest scales of a
     * 64-cell box (|n|^2 &lt;= 2, k dx &lt;= 0.14) the deposit kernel is 1 to 0.3%, so the cross-power of evolved
     * and linear fields over the linear power is the growth within 1%, for one and for three particles per side.
     */
    @Test
    void smallDisplacementsGiveLinearGrowth() {
        Box box = new Box(64, 128);
        double growth = 0.02;
        double[] deltaK = GaussianRandomField.spectrum(box, POWER, 21);
        Zeldovich.Displacement psi = Zeldovich.displacement(box, deltaK);
        for (int s : new int[] {1, 3}) {
            double[] evolved = Fft3.forward(box, Zeldovich.evolvedDensity(box, psi, growth, 0.0, s));
            double cross = 0;
            double auto = 0;
            for (int i = 0; i < box.n(); i++) {
                for (int j = 0; j < box.n(); j++) {
                    for (int k = 0; k < box.n(); k++) {
                        int m2 = KSpace.squaredModeNumber(box, i, j, k);
                        if (m2 == 0 || m2 > 2) {
                            continue;
                        }
                        int c = 2 * box.index(i, j, k);
                        cross += evolved[c] * deltaK[c] + evolved[c + 1] * deltaK[c + 1];
                        auto += deltaK[c] * deltaK[c] + deltaK[c + 1] * deltaK[c + 1];
                    }
                }
            }
            assertEquals(growth, cross / auto, 0.01 * growth, "particles per side " + s);
        }
    }
}
