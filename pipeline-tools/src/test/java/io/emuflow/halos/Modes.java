package io.emuflow.halos;

import io.emuflow.fields.Box;

/** The Fourier modes of a box, for the tests' power-spectrum estimators: every (i, j, k) with 0 < |k| <= kMax. */
final class Modes {
    private Modes() {
    }

    /** One mode: its indices, wave vector, |k| and the offset of its real part in the interleaved transform. */
    interface Visitor {
        void visit(int i, int j, int k, double kx, double ky, double kz, double kk, int c);
    }

    static void forEach(Box mesh, double kMax, Visitor visitor) {
        int n = mesh.n();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    double kx = mesh.wavenumber(i);
                    double ky = mesh.wavenumber(j);
                    double kz = mesh.wavenumber(k);
                    double kk = Math.sqrt(kx * kx + ky * ky + kz * kz);
                    if (kk == 0 || kk > kMax) {
                        continue;
                    }
                    visitor.visit(i, j, k, kx, ky, kz, kk, 2 * mesh.index(i, j, k));
                }
            }
        }
    }

    /** The cloud-in-cell window of a mode (Hockney &amp; Eastwood 1988): the product of sinc^2 over the axes. */
    static double cicWindow(double kx, double ky, double kz, Box mesh) {
        return cic(kx, mesh) * cic(ky, mesh) * cic(kz, mesh);
    }

    private static double cic(double k, Box mesh) {
        double x = k * mesh.cellSize() / 2;
        double s = x == 0 ? 1 : Math.sin(x) / x;
        return s * s;
    }
}
