package io.emuflow.halos;

import io.emuflow.fields.Box;
import io.emuflow.fields.Fft3;

/**
 * First- and second-order Lagrangian perturbation theory displacements (Bouchet et al. 1995, A&amp;A 296, 575;
 * Scoccimarro 1998, MNRAS 299, 1097), in the form of Crocce, Pueblas &amp; Scoccimarro 2006 (MNRAS 373, 369, sect. 2; equation numbers not verified):
 *
 * <pre>
 *   x(q) = q - D1 grad phi1 + D2 grad phi2,   lap phi1 = delta_L(q),
 *   lap phi2 = sum_{i&gt;j} [phi1_,ii phi1_,jj - (phi1_,ij)^2],   D2 ~ -(3/7) D1^2.
 * </pre>
 *
 * Here psi1 = -grad phi1 (the Zel'dovich displacement per unit D1, psi1(k) = i k / k^2 delta(k)) and psi2 = grad phi2
 * (per unit D2), so that x = q + D1 psi1 + D2 psi2 with D2 from {@link LcdmGrowth#d2}. All derivatives are spectral.
 * The Nyquist planes of delta are zeroed first: there an odd factor k_i would break the Hermitian symmetry.
 */
public final class Lpt2 {
    private Lpt2() {}

    /** Displacements per unit growth: psi1 (first order) and psi2 (second order), each {x, y, z}. */
    public record Displacements(double[][] psi1, double[][] psi2) {}

    /** 2LPT displacements of the linear field whose Fourier transform ({@link Fft3} convention) is {@code deltaK}. */
    public static Displacements of(Box box, double[] deltaK) {
        double[] delta = deltaK.clone();
        zeroNyquist(box, delta);
        // phi1_,ij = k_i k_j / k^2 delta(k) (from phi1 = -delta / k^2): six fields, three inverse transforms
        double[][] xxYy = Fft3.inversePair(box, hessian(box, delta, 0, 0), hessian(box, delta, 1, 1));
        double[][] zzXy = Fft3.inversePair(box, hessian(box, delta, 2, 2), hessian(box, delta, 0, 1));
        double[][] xzYz = Fft3.inversePair(box, hessian(box, delta, 0, 2), hessian(box, delta, 1, 2));
        double[] xx = xxYy[0];
        double[] yy = xxYy[1];
        double[] zz = zzXy[0];
        double[] xy = zzXy[1];
        double[] xz = xzYz[0];
        double[] yz = xzYz[1];
        double[] source = new double[box.cells()];
        for (int c = 0; c < source.length; c++) {
            source[c] = xx[c] * yy[c] + xx[c] * zz[c] + yy[c] * zz[c] - xy[c] * xy[c] - xz[c] * xz[c] - yz[c] * yz[c];
        }
        double[] sourceK = Fft3.forward(box, source);
        zeroNyquist(box, sourceK);
        // psi1 = i k / k^2 delta; psi2 = grad phi2 = i k phi2 = -i k / k^2 S
        double[][] g1 = gradientsOverK2(box, delta, 1);
        double[][] g2 = gradientsOverK2(box, sourceK, -1);
        double[][] a = Fft3.inversePair(box, g1[0], g1[1]);
        double[][] b = Fft3.inversePair(box, g1[2], g2[0]);
        double[][] c = Fft3.inversePair(box, g2[1], g2[2]);
        return new Displacements(new double[][] {a[0], a[1], b[0]}, new double[][] {b[1], c[0], c[1]});
    }

    /** Sets every mode on a Nyquist plane (any mode number = n/2) to zero. */
    static void zeroNyquist(Box box, double[] spectrum) {
        int n = box.n();
        int h = n / 2;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    if (i == h || j == h || k == h) {
                        int c = 2 * box.index(i, j, k);
                        spectrum[c] = 0;
                        spectrum[c + 1] = 0;
                    }
                }
            }
        }
    }

    private static double[] hessian(Box box, double[] delta, int axisA, int axisB) {
        int n = box.n();
        double[] out = new double[delta.length];
        int[] m = new int[3];
        for (int i = 0; i < n; i++) {
            m[0] = box.modeNumber(i);
            for (int j = 0; j < n; j++) {
                m[1] = box.modeNumber(j);
                for (int k = 0; k < n; k++) {
                    m[2] = box.modeNumber(k);
                    int m2 = m[0] * m[0] + m[1] * m[1] + m[2] * m[2];
                    if (m2 == 0) {
                        continue;
                    }
                    double w = (double) (m[axisA] * m[axisB]) / m2; // k_a k_b / k^2
                    int c = 2 * box.index(i, j, k);
                    out[c] = w * delta[c];
                    out[c + 1] = w * delta[c + 1];
                }
            }
        }
        return out;
    }

    // sign * i k_a / k^2 f(k) for a = x, y, z
    private static double[][] gradientsOverK2(Box box, double[] f, double sign) {
        int n = box.n();
        double kf = box.kFundamental();
        double[][] out = {new double[f.length], new double[f.length], new double[f.length]};
        int[] m = new int[3];
        for (int i = 0; i < n; i++) {
            m[0] = box.modeNumber(i);
            for (int j = 0; j < n; j++) {
                m[1] = box.modeNumber(j);
                for (int k = 0; k < n; k++) {
                    m[2] = box.modeNumber(k);
                    int m2 = m[0] * m[0] + m[1] * m[1] + m[2] * m[2];
                    if (m2 == 0) {
                        continue;
                    }
                    int c = 2 * box.index(i, j, k);
                    for (int a = 0; a < 3; a++) {
                        double factor = sign * m[a] / (m2 * kf);
                        out[a][c] = -factor * f[c + 1];
                        out[a][c + 1] = factor * f[c];
                    }
                }
            }
        }
        return out;
    }
}
