package io.emuflow.fields;

/**
 * First-order Lagrangian (Zel'dovich 1970) displacement of a linear density field and cloud-in-cell deposit of
 * the displaced mass, as 21cmFAST's perturb_field does on its low-resolution grid (Mesinger, Furlanetto &amp; Cen
 * 2011, section 2.1).
 *
 * <p>The displacement per unit growth is psi(k) = i k / k^2 delta(k), so that x = q + D psi(q) and, to first
 * order, delta = -div(D psi). Each grid cell carries {@code s^3} particles (21cmFAST's DIM / HII_DIM = s, whose
 * high-resolution particles all move with their low-resolution cell's displacement), placed at the centres of
 * the cell's s^3 sub-cells; each is deposited by cloud-in-cell. s = 1 is the plain one-particle-per-cell CIC.
 */
public final class Zeldovich {
    private Zeldovich() {}

    /** Displacement per unit growth factor (Mpc) along x, y, z, and the linear density field itself. */
    public record Displacement(double[] x, double[] y, double[] z, double[] linearDensity) {}

    /** Displacement fields of the linear density field whose Fourier transform is {@code deltaK}. */
    public static Displacement displacement(Box box, double[] deltaK) {
        double[][] gradients = inverseGradients(box, deltaK);
        double[][] xy = Fft3.inversePair(box, gradients[0], gradients[1]);
        double[][] zd = Fft3.inversePair(box, gradients[2], deltaK);
        return new Displacement(xy[0], xy[1], zd[0], zd[1]);
    }

    /**
     * i k_a / k^2 delta(k) for a = x, y, z. The Nyquist plane of each axis is left at zero: there the odd factor
     * would break the Hermitian symmetry (21cmFAST keeps the real part of the inverse transform, to which that
     * plane does not contribute either).
     */
    private static double[][] inverseGradients(Box box, double[] deltaK) {
        int n = box.n();
        double kf = box.kFundamental();
        double[][] out = {new double[deltaK.length], new double[deltaK.length], new double[deltaK.length]};
        for (int i = 0; i < n; i++) {
            int a = box.modeNumber(i);
            for (int j = 0; j < n; j++) {
                int b = box.modeNumber(j);
                for (int k = 0; k < n; k++) {
                    int d = box.modeNumber(k);
                    int m2 = a * a + b * b + d * d;
                    if (m2 == 0) {
                        continue;
                    }
                    int c = 2 * box.index(i, j, k);
                    double re = deltaK[c];
                    double im = deltaK[c + 1];
                    double scale = 1.0 / (m2 * kf); // k_a / k^2 = n_a / (|n|^2 k_f)
                    setGradient(out[0], c, a, n, scale, re, im);
                    setGradient(out[1], c, b, n, scale, re, im);
                    setGradient(out[2], c, d, n, scale, re, im);
                }
            }
        }
        return out;
    }

    // out[c] = i (mode scale) (re + i im), except on the Nyquist plane of this axis
    private static void setGradient(double[] out, int c, int mode, int n, double scale, double re, double im) {
        if (mode != n / 2) {
            double factor = mode * scale;
            out[c] = -factor * im;
            out[c + 1] = factor * re;
        }
    }

    /**
     * Density contrast after moving the particles by {@code growth} times the displacement (Mpc per unit
     * growth). Particle masses are {@code 1 + massGrowth * linearDensity} (21cmFAST starts the particles at
     * z = 300 with that density); the result is mass per cell over the mean, minus one.
     *
     * @param subparticles s, the particles per cell side (>= 1)
     */
    public static double[] evolvedDensity(Box box, Displacement displacement, double growth, double massGrowth, int subparticles) {
        if (subparticles < 1) {
            throw new IllegalArgumentException("particles per cell side must be >= 1, got " + subparticles);
        }
        int n = box.n();
        double toCells = growth / box.cellSize();
        double[] offsets = new double[subparticles];
        for (int m = 0; m < subparticles; m++) {
            offsets[m] = (m + 0.5) / subparticles - 0.5;
        }
        double[] mass = new double[box.cells()];
        double[] wx = new double[3];
        double[] wy = new double[3];
        double[] wz = new double[3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    int c = box.index(i, j, k);
                    double weight = 1 + massGrowth * displacement.linearDensity()[c];
                    int bx = kernel(i, displacement.x()[c] * toCells, offsets, wx);
                    int by = kernel(j, displacement.y()[c] * toCells, offsets, wy);
                    int bz = kernel(k, displacement.z()[c] * toCells, offsets, wz);
                    for (int a = 0; a < 3; a++) {
                        if (wx[a] == 0) {
                            continue;
                        }
                        int ia = Math.floorMod(bx + a, n);
                        for (int b = 0; b < 3; b++) {
                            if (wy[b] == 0) {
                                continue;
                            }
                            double wab = weight * wx[a] * wy[b];
                            int row = box.index(ia, Math.floorMod(by + b, n), 0);
                            for (int d = 0; d < 3; d++) {
                                if (wz[d] != 0) {
                                    mass[row + Math.floorMod(bz + d, n)] += wab * wz[d];
                                }
                            }
                        }
                    }
                }
            }
        }
        for (int c = 0; c < mass.length; c++) {
            mass[c] -= 1;
        }
        return mass;
    }

    /**
     * One-dimensional weights of the s sub-particles of cell {@code cell}, shifted by {@code shift} cells, on the
     * three cells starting at the returned index. Cell centres sit at index + 1/2; each sub-particle shares its
     * mass 1/s between the two cells whose centres bracket it (cloud in cell).
     */
    static int kernel(int cell, double shift, double[] offsets, double[] weights) {
        weights[0] = 0;
        weights[1] = 0;
        weights[2] = 0;
        // position of sub-particle m relative to the centre of cell `cell`, in cells: offsets[m] + shift
        int base = (int) Math.floor(offsets[0] + shift);
        double share = 1.0 / offsets.length;
        for (double offset : offsets) {
            double t = offset + shift;
            int left = (int) Math.floor(t);
            double f = t - left;
            int slot = left - base;
            weights[slot] += share * (1 - f);
            weights[slot + 1] += share * f;
        }
        return cell + base;
    }
}
