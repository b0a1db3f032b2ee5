package io.emuflow.halos;

import io.emuflow.fields.Box;
import io.emuflow.fields.Fft3;
import io.emuflow.fields.GaussianRandomField;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Diagnostic (not a test): the growth of the large-scale modes of one box in the particle-mesh run, mode by mode
 * against the same box's linear field times D(a) of {@link LcdmGrowth}, at several scale factors, for 2LPT and
 * Zel'dovich initial conditions. Usage: {@code GrowthDiagnostic [seed] [amplitude] [meshFactor] [aStart] [steps]}.
 */
public final class GrowthDiagnostic {
    static int estimatorMesh = 64;
    static String lastBins = "";

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("spt")) {
            oneLoopInBox(Double.parseDouble(args[1]), Integer.parseInt(args[2]));
            return;
        }
        if (args.length > 0 && args[0].equals("seeds")) {
            seeds(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Boolean.parseBoolean(args[3]),
                    args.length > 4 ? Integer.parseInt(args[4]) : 64, args.length > 5 ? Double.parseDouble(args[5]) : 128);
            return;
        }
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 100;
        double amplitude = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        int meshFactor = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        double aStart = args.length > 3 ? Double.parseDouble(args[3]) : 0.1;
        int steps = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        int particles = args.length > 5 ? Integer.parseInt(args[5]) : 64;
        double length = args.length > 6 ? Double.parseDouble(args[6]) : 128;
        boolean zaToo = args.length > 7 ? Boolean.parseBoolean(args[7]) : true;
        estimatorMesh = args.length > 8 ? Integer.parseInt(args[8]) : 64;
        double omegaM = 0.3175;
        DoubleUnaryOperator base = HaloSimulation.linearPower(omegaM, 0.834);
        DoubleUnaryOperator power = k -> amplitude * base.applyAsDouble(k);
        Box grid = new Box(particles, length);
        LcdmGrowth growth = new LcdmGrowth(omegaM);
        // the field is drawn on a 64^3 grid and its modes copied (truncated or zero-padded) to the particle grid, so
        // runs of different particle numbers share their large-scale modes
        Box parent = new Box(64, length);
        double[] lin = resample(parent, GaussianRandomField.spectrum(parent, power, seed), grid);
        Lpt2.Displacements full = Lpt2.of(grid, lin);
        Lpt2.Displacements za = new Lpt2.Displacements(full.psi1(), new double[3][grid.cells()]);
        double offset = 0.5 / meshFactor;
        double[] targets = {aStart, 0.2, 0.5, 1.0};
        for (String name : zaToo ? new String[] {"2LPT", "ZA"} : new String[] {"2LPT"}) {
            Lpt2.Displacements psi = name.equals("2LPT") ? full : za;
            for (double a : targets) {
                Particles p = Particles.fromLpt(grid, psi, growth, aStart, offset);
                if (a > aStart) {
                    int n = Math.max(1, (int) Math.round(steps * (a - aStart) / (1 - aStart)));
                    new ParticleMesh(grid.n() * meshFactor, grid.length(), growth).evolve(p, aStart, a, n);
                }
                double[] r = compare(grid, p, lin, growth.d1(a), offset * grid.cellSize());
                System.out.printf(Locale.ROOT, "%s amp %.0e B %d N %d L %.0f a %.3f: k<=0.1 cross/lin %.4f auto/lin %.4f | k 0.1-0.2 cross %.4f auto %.4f%n",
                        name, amplitude, meshFactor, grid.n(), grid.length(), a, r[0], r[1], r[2], r[3]);
            }
        }
    }

    /** Many seeds, a = 1 only: realised P_LL / P_theory, cross and auto ratios at k <= 0.1, their means. */
    static void seeds(int first, int count, boolean fixedAmplitude, int particles, double length) {
        double omegaM = 0.3175;
        DoubleUnaryOperator power = HaloSimulation.linearPower(omegaM, 0.834);
        Box grid = new Box(particles, length);
        LcdmGrowth growth = new LcdmGrowth(omegaM);
        double[] mean = new double[3];
        for (int s = first; s < first + count; s++) {
            double[] lin = GaussianRandomField.spectrum(grid, power, s);
            double realised = 0;
            double theory = 0;
            for (int i = 0; i < grid.n(); i++) {
                for (int j = 0; j < grid.n(); j++) {
                    for (int k = 0; k < grid.n(); k++) {
                        double kx = grid.wavenumber(i);
                        double ky = grid.wavenumber(j);
                        double kz = grid.wavenumber(k);
                        double kk = Math.sqrt(kx * kx + ky * ky + kz * kz);
                        if (kk == 0) {
                            continue;
                        }
                        int c = 2 * grid.index(i, j, k);
                        double expected = power.applyAsDouble(kk) * grid.volume() / (grid.cellVolume() * grid.cellVolume());
                        double got = lin[c] * lin[c] + lin[c + 1] * lin[c + 1];
                        if (fixedAmplitude && got > 0) {
                            double f = Math.sqrt(expected / got);
                            lin[c] *= f;
                            lin[c + 1] *= f;
                            got = expected;
                        }
                        if (kk <= 0.1 && kk * length <= 2 * Math.PI * 32) {
                            realised += got;
                            theory += expected;
                        }
                    }
                }
            }
            Particles p = Particles.fromLpt(grid, Lpt2.of(grid, lin), growth, 0.1, 0.25);
            new ParticleMesh(2 * particles, length, growth).evolve(p, 0.1, 1.0, 10);
            double[] r = compare(grid, p, lin, 1, 0.25 * grid.cellSize());
            double unbiased = r[1] * realised / theory;
            System.out.printf(Locale.ROOT, "seed %d: P_LL/P_th %.4f cross %.4f auto %.4f P_mm/P_th %.4f%n", s, realised / theory, r[0], r[1], unbiased);
            System.out.println(lastBins);
            mean[0] += r[0] / count;
            mean[1] += r[1] / count;
            mean[2] += unbiased / count;
        }
        System.out.printf(Locale.ROOT, "mean of %d: cross %.4f auto %.4f P_mm/P_th %.4f%n", count, mean[0], mean[1], mean[2]);
    }

    /**
     * One-loop standard perturbation theory (EdS kernels) of P(k) summed over the discrete modes of a periodic box,
     * for the box's modes with |k| &lt;= 0.1 h/Mpc: P22 = 2 (1/V) sum_q F2(q, k - q)^2 P(q) P(|k - q|) and
     * P13 = P(k) (1/V) sum_q P(q) K(q/k) / (504 (q/k)^2) with the angle-averaged kernel K of Makino et al. 1992 /
     * Jain &amp; Bertschinger 1994. Also the same with the sums replaced by integrals (infinite volume).
     */
    static void oneLoopInBox(double length, int n) {
        DoubleUnaryOperator power = HaloSimulation.linearPower(0.3175, 0.834);
        Box box = new Box(n, length);
        double kf = box.kFundamental();
        int[][] shells = {{1, 0, 0}, {1, 1, 0}, {1, 1, 1}, {2, 0, 0}, {2, 1, 0}, {2, 1, 1}, {2, 2, 0}};
        int[] mult = {6, 12, 8, 6, 24, 24, 12};
        double sumLin = 0;
        double sumLoop = 0;
        double sum22 = 0;
        for (int s = 0; s < shells.length; s++) {
            double kx = shells[s][0] * kf;
            double ky = shells[s][1] * kf;
            double kz = shells[s][2] * kf;
            double k = Math.sqrt(kx * kx + ky * ky + kz * kz);
            if (k > 0.1) {
                continue;
            }
            double pk = power.applyAsDouble(k);
            double p22 = 0;
            double p13 = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    for (int l = 0; l < n; l++) {
                        double qx = box.wavenumber(i);
                        double qy = box.wavenumber(j);
                        double qz = box.wavenumber(l);
                        double q = Math.sqrt(qx * qx + qy * qy + qz * qz);
                        if (q == 0) {
                            continue;
                        }
                        double pq = power.applyAsDouble(q);
                        double r = q / k;
                        p13 += pq * kernel13(r) / (504 * r * r);
                        double px = kx - qx;
                        double py = ky - qy;
                        double pz = kz - qz;
                        double p = Math.sqrt(px * px + py * py + pz * pz);
                        if (p == 0 || p > box.kNyquist() * Math.sqrt(3)) {
                            continue;
                        }
                        double mu = (qx * px + qy * py + qz * pz) / (q * p);
                        double f2 = 5.0 / 7 + 0.5 * mu * (q / p + p / q) + 2.0 / 7 * mu * mu;
                        p22 += 2 * f2 * f2 * pq * power.applyAsDouble(p);
                    }
                }
            }
            p22 /= box.volume();
            p13 *= pk / box.volume();
            System.out.printf(Locale.ROOT, "k %.4f: P_lin %.1f  P22/P %.4f  P13/P %.4f  (1-loop)/P %.4f%n", k, pk, p22 / pk, p13 / pk,
                    (p22 + p13) / pk);
            sumLin += mult[s] * pk;
            sumLoop += mult[s] * (p22 + p13);
            sum22 += mult[s] * p22;
        }
        for (double k : new double[] {0.0491, 0.0694, 0.0850, 0.0982}) {
            // infinite volume: P22 = k^3/(98 (2 pi)^2) int dr P(kr) int dx P(k sqrt(1 + r^2 - 2 r x)) (3r + 7x - 10 r x^2)^2 / (1 + r^2 - 2 r x)^2
            double p22 = 0;
            double p13 = 0;
            int nr = 4000;
            double lnMin = Math.log(1e-4);
            double lnMax = Math.log(100);
            double h = (lnMax - lnMin) / nr;
            for (int ir = 0; ir < nr; ir++) {
                double r = Math.exp(lnMin + (ir + 0.5) * h);
                double pr = power.applyAsDouble(k * r);
                double inner = 0;
                int nx = 400;
                for (int ix = 0; ix < nx; ix++) {
                    double x = -1 + (ix + 0.5) * 2.0 / nx;
                    double y2 = 1 + r * r - 2 * r * x;
                    double t = 3 * r + 7 * x - 10 * r * x * x;
                    inner += power.applyAsDouble(k * Math.sqrt(y2)) * t * t / (y2 * y2) * 2.0 / nx;
                }
                p22 += pr * inner * r * h;
                p13 += pr * kernel13(r) * r * h;
            }
            double pk = power.applyAsDouble(k);
            p22 *= k * k * k / (98 * 4 * Math.PI * Math.PI);
            p13 *= k * k * k * pk / (252 * 4 * Math.PI * Math.PI);
            System.out.printf(Locale.ROOT, "infinite volume k %.4f: P22/P %.4f  P13/P %.4f  (1-loop)/P %.4f%n", k, p22 / pk, p13 / pk, (p22 + p13) / pk);
        }
        System.out.printf(Locale.ROOT, "box %.0f Mpc/h, %d^3 modes: k <= 0.1 mode-summed (P_lin + P_1loop) / P_lin = %.4f (P22 part %.4f)%n", length, n,
                1 + sumLoop / sumLin, sum22 / sumLin);
    }

    static double kernel13(double r) {
        if (Math.abs(r - 1) < 1e-9) {
            return 12 - 158 + 100 - 42;
        }
        double log = r > 50 ? Double.NaN : Math.log(Math.abs((1 + r) / (1 - r)));
        if (r > 50) {
            return -488.0 / 5; // large-r limit (gives -(61/105) k^2 sigma_v^2 P); r > 50 carries a negligible share
        }
        if (r < 0.02) {
            return -168; // small-r limit; q < 0.02 k does not occur on the box's modes
        }
        return 12 / (r * r) - 158 + 100 * r * r - 42 * r * r * r * r
                + 3 / (r * r * r) * Math.pow(r * r - 1, 3) * (7 * r * r + 2) * log;
    }

    static double[] resample(Box from, double[] spectrum, Box to) {
        double[] out = new double[2 * to.cells()];
        int lim = Math.min(from.n(), to.n()) / 2;
        double scale = (double) to.cells() / from.cells();
        for (int i = 0; i < from.n(); i++) {
            for (int j = 0; j < from.n(); j++) {
                for (int k = 0; k < from.n(); k++) {
                    int a = from.modeNumber(i);
                    int b = from.modeNumber(j);
                    int c = from.modeNumber(k);
                    if (Math.abs(a) >= lim || Math.abs(b) >= lim || Math.abs(c) >= lim) {
                        continue;
                    }
                    int s = 2 * from.index(i, j, k);
                    int t = 2 * to.index(Math.floorMod(a, to.n()), Math.floorMod(b, to.n()), Math.floorMod(c, to.n()));
                    out[t] = spectrum[s] * scale;
                    out[t + 1] = spectrum[s + 1] * scale;
                }
            }
        }
        return out;
    }

    /** {cross, auto} ratios to the linear field times d for k <= 0.1 and 0.1 < k <= 0.2. */
    static double[] compare(Box grid, Particles p, double[] lin, double d, double shift) {
        Box mesh = new Box(estimatorMesh, grid.length());
        double[] m = Fft3.forward(mesh, ParticleMesh.cicDensity(mesh, p.position()));
        double[] out = new double[6 * 2];
        double[][] fine = new double[8][3];
        Modes.forEach(mesh, 0.2, (i, j, k, kx, ky, kz, kk, c) -> {
            int bin = kk <= 0.1 ? 0 : 1;
            double w = Modes.cicWindow(kx, ky, kz, mesh);
            int g = 2 * grid.index(Math.floorMod(mesh.modeNumber(i), grid.n()), Math.floorMod(mesh.modeNumber(j), grid.n()),
                    Math.floorMod(mesh.modeNumber(k), grid.n()));
            double mr = m[c] / w;
            double mi = m[c + 1] / w;
            double scale = d * mesh.cells() / grid.cells(); // sum over cells of each transform
            double ph = -(kx + ky + kz) * shift;
            double lr = scale * (lin[g] * Math.cos(ph) - lin[g + 1] * Math.sin(ph));
            double li = scale * (lin[g] * Math.sin(ph) + lin[g + 1] * Math.cos(ph));
            int fb = Math.min(7, (int) (kk / 0.025));
            fine[fb][0] += mr * lr + mi * li;
            fine[fb][1] += mr * mr + mi * mi;
            fine[fb][2] += lr * lr + li * li;
            out[6 * bin] += mr * lr + mi * li;
            out[6 * bin + 1] += mr * mr + mi * mi;
            out[6 * bin + 2] += lr * lr + li * li;
        });
        StringBuilder b = new StringBuilder("   auto by k bin (0.025 wide):");
        for (double[] f : fine) {
            b.append(String.format(Locale.ROOT, " %.3f", f[1] / f[2]));
        }
        lastBins = b.toString();
        return new double[] {out[0] / out[2], out[1] / out[2], out[6] / out[8], out[7] / out[8]};
    }
}
