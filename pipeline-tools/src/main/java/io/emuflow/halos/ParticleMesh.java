package io.emuflow.halos;

import io.emuflow.fields.Box;
import io.emuflow.fields.Fft3;

/**
 * A particle-mesh N-body integrator with the FastPM time stepping of Feng, Chu, Seljak &amp; McDonald 2016 (MNRAS 463,
 * 2273, sect. 2.2): kick-drift-kick leapfrog whose kick and drift factors are chosen so that a particle on the
 * linear growing mode (Zel'dovich) moves exactly, whatever the number of steps:
 *
 * <pre>
 *   kick  a0 -&gt; a1 with the force at ac:  p += F(ac) [G_p(a1) - G_p(a0)] / G_f(ac)
 *   drift a0 -&gt; a1 with the momentum at ac: x += p(ac) [D(a1) - D(a0)] / G_p(ac)
 * </pre>
 *
 * with G_p = a^3 E dD/da and G_f = (3/2) Omega_m D / a ({@link LcdmGrowth}). Units: lengths in Mpc/h, time in 1/H0,
 * p = a^2 dx/dt; the force is F = -grad Phi with lap Phi = (3/2) Omega_m delta / a (comoving Poisson equation).
 *
 * <p>Forces: cloud-in-cell (CIC) density on a mesh of {@code meshSize}^3 (FastPM uses 2-3 mesh cells per particle
 * side; the default here is 2), F(k) = i k (3/2) Omega_m delta(k) / (a k^2) with exact spectral derivatives (odd
 * factors zeroed on Nyquist planes), read back to the particles by CIC (same kernel as the deposit, so no
 * self-force). No deconvolution of the CIC window: forces are smoothed on the scale of a mesh cell, which limits how
 * compact halos become (the mass-function limits are measured in docs/halo-boxes.md).
 */
public final class ParticleMesh {
    private final Box mesh;
    private final LcdmGrowth growth;

    public ParticleMesh(int meshSize, double length, LcdmGrowth growth) {
        this.mesh = new Box(meshSize, length);
        this.growth = growth;
    }

    public Box mesh() {
        return mesh;
    }

    /**
     * Evolves the particles from {@code aStart} to {@code aEnd} in {@code steps} steps linear in a (FastPM's default
     * spacing); the particles are changed in place.
     */
    public void evolve(Particles particles, double aStart, double aEnd, int steps) {
        if (steps < 1 || !(aStart > 0 && aStart < aEnd)) {
            throw new IllegalArgumentException("need at least one step from a smaller to a larger scale factor, got " + steps
                    + " steps from " + aStart + " to " + aEnd);
        }
        double[][] force = forces(particles, aStart);
        for (int s = 0; s < steps; s++) {
            double a0 = aStart + (aEnd - aStart) * s / steps;
            double a1 = s == steps - 1 ? aEnd : aStart + (aEnd - aStart) * (s + 1) / steps;
            double ah = 0.5 * (a0 + a1);
            kick(particles, force, (growth.gp(ah) - growth.gp(a0)) / growth.gf(a0));
            drift(particles, (growth.d1(a1) - growth.d1(a0)) / growth.gp(ah));
            force = forces(particles, a1);
            kick(particles, force, (growth.gp(a1) - growth.gp(ah)) / growth.gf(a1));
        }
    }

    private static void kick(Particles particles, double[][] force, double factor) {
        for (int axis = 0; axis < 3; axis++) {
            double[] p = particles.momentum()[axis];
            double[] f = force[axis];
            for (int i = 0; i < p.length; i++) {
                p[i] += f[i] * factor;
            }
        }
    }

    private static void drift(Particles particles, double factor) {
        double length = particles.length();
        for (int axis = 0; axis < 3; axis++) {
            double[] x = particles.position()[axis];
            double[] p = particles.momentum()[axis];
            for (int i = 0; i < x.length; i++) {
                x[i] = Particles.wrap(x[i] + p[i] * factor, length);
            }
        }
    }

    /** Density contrast of the particles on the mesh by CIC (mean zero up to rounding). */
    public double[] density(Particles particles) {
        return cicDensity(mesh, particles.position());
    }

    /**
     * Density contrast n / n_mean - 1 of equal-mass points on a mesh by cloud in cell (Hockney &amp; Eastwood 1988):
     * mesh node i sits at i H (H the mesh cell), and each point shares its mass between the 8 nodes around it.
     *
     * @param position {x, y, z} arrays of coordinates in [0, mesh length)
     */
    public static double[] cicDensity(Box mesh, double[][] position) {
        int n = mesh.n();
        int count = position[0].length;
        double[] rho = new double[mesh.cells()];
        double toCells = n / mesh.length();
        double[][] x = position;
        double weight = (double) mesh.cells() / count;
        CicCell c = new CicCell(n);
        for (int p = 0; p < count; p++) {
            c.locate(x[0][p] * toCells, x[1][p] * toCells, x[2][p] * toCells);
            rho[c.c000] += weight * c.gx * c.gy * c.gz;
            rho[c.c001] += weight * c.gx * c.gy * c.fz;
            rho[c.c010] += weight * c.gx * c.fy * c.gz;
            rho[c.c011] += weight * c.gx * c.fy * c.fz;
            rho[c.c100] += weight * c.fx * c.gy * c.gz;
            rho[c.c101] += weight * c.fx * c.gy * c.fz;
            rho[c.c110] += weight * c.fx * c.fy * c.gz;
            rho[c.c111] += weight * c.fx * c.fy * c.fz;
        }
        for (int i = 0; i < rho.length; i++) {
            rho[i] -= 1;
        }
        return rho;
    }

    /** The force -grad Phi at every particle at scale factor a, as {x, y, z} arrays. */
    public double[][] forces(Particles particles, double a) {
        double[] deltaK = Fft3.forward(mesh, density(particles));
        double[][] g = gradients(deltaK, 1.5 * growth.omegaM() / a);
        double[][] fxy = Fft3.inversePacked(mesh, g[0]);
        double[] fz = Fft3.inverseReal(mesh, g[1]);
        return readout(particles, new double[][] {fxy[0], fxy[1], fz});
    }

    // {Fx + i Fy packed, Fz} with F(k) = i k scale delta(k) / k^2
    private double[][] gradients(double[] deltaK, double scale) {
        int n = mesh.n();
        double kf = mesh.kFundamental();
        double[] packed = new double[deltaK.length];
        double[] fz = new double[deltaK.length];
        for (int i = 0; i < n; i++) {
            int a = mesh.modeNumber(i);
            int ma = a == n / 2 ? 0 : a;
            for (int j = 0; j < n; j++) {
                int b = mesh.modeNumber(j);
                int mb = b == n / 2 ? 0 : b;
                for (int k = 0; k < n; k++) {
                    int d = mesh.modeNumber(k);
                    int md = d == n / 2 ? 0 : d;
                    int m2 = a * a + b * b + d * d;
                    if (m2 == 0) {
                        continue;
                    }
                    int c = 2 * mesh.index(i, j, k);
                    double s = scale / (m2 * kf);
                    double re = deltaK[c] * s;
                    double im = deltaK[c + 1] * s;
                    // i m (re + i im) = -m im + i m re; packed = X + i Y
                    double xr = -ma * im;
                    double xi = ma * re;
                    double yr = -mb * im;
                    double yi = mb * re;
                    packed[c] = xr - yi;
                    packed[c + 1] = xi + yr;
                    fz[c] = -md * im;
                    fz[c + 1] = md * re;
                }
            }
        }
        return new double[][] {packed, fz};
    }

    private double[][] readout(Particles particles, double[][] field) {
        int n = mesh.n();
        double toCells = n / particles.length();
        double[][] x = particles.position();
        double[][] out = new double[3][particles.count()];
        CicCell c = new CicCell(n);
        for (int p = 0; p < particles.count(); p++) {
            c.locate(x[0][p] * toCells, x[1][p] * toCells, x[2][p] * toCells);
            for (int axis = 0; axis < 3; axis++) {
                double[] f = field[axis];
                out[axis][p] = c.gx * (c.gy * (c.gz * f[c.c000] + c.fz * f[c.c001]) + c.fy * (c.gz * f[c.c010] + c.fz * f[c.c011]))
                        + c.fx * (c.gy * (c.gz * f[c.c100] + c.fz * f[c.c101]) + c.fy * (c.gz * f[c.c110] + c.fz * f[c.c111]));
            }
        }
        return out;
    }

    /**
     * The cloud-in-cell stencil of one particle on a periodic n^3 mesh (Hockney & Eastwood 1988, section 5-3): the
     * eight cells around it and its fractional offsets, shared by the deposit and the force read-out so that both use
     * exactly the same cells and weights (the read-out must be the deposit's transpose, or particles feel self-forces).
     */
    private static final class CicCell {
        private final int n;
        int c000, c001, c010, c011, c100, c101, c110, c111;
        double fx, fy, fz, gx, gy, gz;

        CicCell(int n) {
            this.n = n;
        }

        /** u, v, w: the position in cell units. */
        void locate(double u, double v, double w) {
            int i0 = (int) u;
            int j0 = (int) v;
            int k0 = (int) w;
            fx = u - i0;
            fy = v - j0;
            fz = w - k0;
            i0 %= n;
            j0 %= n;
            k0 %= n;
            int i1 = i0 + 1 == n ? 0 : i0 + 1;
            int j1 = j0 + 1 == n ? 0 : j0 + 1;
            int k1 = k0 + 1 == n ? 0 : k0 + 1;
            gx = 1 - fx;
            gy = 1 - fy;
            gz = 1 - fz;
            c000 = (i0 * n + j0) * n + k0;
            c001 = (i0 * n + j0) * n + k1;
            c010 = (i0 * n + j1) * n + k0;
            c011 = (i0 * n + j1) * n + k1;
            c100 = (i1 * n + j0) * n + k0;
            c101 = (i1 * n + j0) * n + k1;
            c110 = (i1 * n + j1) * n + k0;
            c111 = (i1 * n + j1) * n + k1;
        }
    }
}
