package io.emuflow.halos;

import io.emuflow.fields.Box;

/**
 * Particles of a periodic box of side {@code length} (Mpc/h): positions in [0, length) and momenta p = a^2 dx/dt
 * (t in units of 1/H0, so p / a is the peculiar velocity in units of 100 km/s), each as {x, y, z} arrays. Particle
 * {@code (i*n + j)*n + k} starts at the Lagrangian grid point q = (i, j, k) length / n (plus an optional offset).
 */
public record Particles(int gridSize, double length, double[][] position, double[][] momentum) {

    public int count() {
        return position[0].length;
    }

    /** Mean spacing length / n (Mpc/h). */
    public double spacing() {
        return length / gridSize;
    }

    /**
     * Particles at scale factor {@code a} displaced from the grid by 2LPT: x = q + D1 psi1 + D2 psi2 and
     * p = a^3 E(a) dx/da = a^2 E(a) (f1 D1 psi1 + f2 D2 psi2) (Crocce, Pueblas &amp; Scoccimarro 2006, sect. 2, with
     * growth rates f = d ln D / d ln a from {@link LcdmGrowth}).
     *
     * @param box the particle grid (n^3 cells of side length / n, lengths in Mpc/h)
     * @param psi the displacements per unit growth of the z = 0 linear field
     */
    public static Particles fromLpt(Box box, Lpt2.Displacements psi, LcdmGrowth growth, double a) {
        return fromLpt(box, psi, growth, a, 0);
    }

    /**
     * As {@link #fromLpt(Box, Lpt2.Displacements, LcdmGrowth, double)}, with the whole lattice translated by
     * {@code offset} grid spacings along each axis (q = (i + offset) length / n): a translation of the box, which
     * lets the lattice sit between the nodes of a particle-mesh grid, away from the kink of the CIC kernel at a node.
     */
    public static Particles fromLpt(Box box, Lpt2.Displacements psi, LcdmGrowth growth, double a, double offset) {
        int n = box.n();
        double spacing = box.cellSize();
        double length = box.length();
        double d1 = growth.d1(a);
        double d2 = growth.d2(a);
        double e = growth.e(a);
        double v1 = a * a * e * growth.f1(a) * d1;
        double v2 = a * a * e * growth.f2(a) * d2;
        double[][] x = new double[3][box.cells()];
        double[][] p = new double[3][box.cells()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    int c = box.index(i, j, k);
                    int[] q = {i, j, k};
                    for (int axis = 0; axis < 3; axis++) {
                        double s1 = psi.psi1()[axis][c];
                        double s2 = psi.psi2()[axis][c];
                        x[axis][c] = wrap((q[axis] + offset) * spacing + d1 * s1 + d2 * s2, length);
                        p[axis][c] = v1 * s1 + v2 * s2;
                    }
                }
            }
        }
        return new Particles(n, length, x, p);
    }

    /** u wrapped into [0, length). */
    static double wrap(double u, double length) {
        double w = u - Math.floor(u / length) * length;
        return w >= length ? w - length : w;
    }
}
