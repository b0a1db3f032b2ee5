package io.emuflow.halos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emuflow.fields.Box;
import io.emuflow.fields.Fft3;
import org.junit.jupiter.api.Test;

/** 2LPT displacements of fields whose solutions are known in closed form. */
class Lpt2Test {
    private static final int N = 16;
    private static final double L = 100;
    private final Box box = new Box(N, L);
    private final double k = 2 * Math.PI / L * 2;

    private double[] field(double a, double b) {
        double[] delta = new double[box.cells()];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                for (int m = 0; m < N; m++) {
                    delta[box.index(i, j, m)] = a * Math.cos(k * i * L / N) + b * Math.cos(k * j * L / N);
                }
            }
        }
        return delta;
    }

    @Test
    void aPlaneWaveIsZeldovichExactly() {
        // delta = A cos(kx): psi1_x = -A sin(kx) / k (div psi1 = -delta); in one dimension the second-order term vanishes
        double amp = 0.7;
        Lpt2.Displacements d = Lpt2.of(box, Fft3.forward(box, field(amp, 0)));
        for (int i = 0; i < N; i++) {
            int c = box.index(i, 3, 5);
            double x = i * L / N;
            assertEquals(-amp * Math.sin(k * x) / k, d.psi1()[0][c], 1e-10);
            assertEquals(0, d.psi1()[1][c], 1e-10);
            for (int axis = 0; axis < 3; axis++) {
                assertEquals(0, d.psi2()[axis][c], 1e-10, "psi2 of a plane wave, axis " + axis);
            }
        }
    }

    @Test
    void twoCrossedWavesHaveTheAnalyticSecondOrderDisplacement() {
        // delta = A cos(kx) + B cos(ky): phi1_,xx = A cos kx, phi1_,yy = B cos ky, cross terms 0, so the 2LPT source is
        // S = AB cos(kx) cos(ky), phi2 = -S / (2 k^2) and psi2 = grad phi2 = AB/(2k) (sin kx cos ky, cos kx sin ky, 0)
        double a = 0.6;
        double b = -0.4;
        Lpt2.Displacements d = Lpt2.of(box, Fft3.forward(box, field(a, b)));
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                int c = box.index(i, j, 7);
                double x = i * L / N;
                double y = j * L / N;
                assertEquals(a * b / (2 * k) * Math.sin(k * x) * Math.cos(k * y), d.psi2()[0][c], 1e-10);
                assertEquals(a * b / (2 * k) * Math.cos(k * x) * Math.sin(k * y), d.psi2()[1][c], 1e-10);
                assertEquals(0, d.psi2()[2][c], 1e-10);
                assertEquals(-b * Math.sin(k * y) / k, d.psi1()[1][c], 1e-10);
            }
        }
    }
}
