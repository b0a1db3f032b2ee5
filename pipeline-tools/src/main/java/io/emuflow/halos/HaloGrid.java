package io.emuflow.halos;

import io.emuflow.fields.Box;
import io.emuflow.fields.Fft3;
import io.emuflow.fields.SphericalPowerSpectrum;

/** Halos binned on a grid: the three channels of a halo box and the halo power spectrum. */
public final class HaloGrid {
    private HaloGrid() {}

    /**
     * The channels on a {@code dim}^3 grid, each halo in the cell holding its centre (nearest grid point), cell
     * (i, j, k) at index (i*dim + j)*dim + k: {number of halos, summed halo mass (M_sun/h), mean halo speed (km/s,
     * 0 in empty cells)}.
     */
    public static float[][] channels(HaloCatalog halos, int dim) {
        double[] count = new double[dim * dim * dim];
        double[] mass = new double[count.length];
        double[] speed = new double[count.length];
        double toCell = dim / halos.length();
        for (int h = 0; h < halos.size(); h++) {
            int c = (cell(halos.position()[0][h], toCell, dim) * dim + cell(halos.position()[1][h], toCell, dim)) * dim
                    + cell(halos.position()[2][h], toCell, dim);
            count[c]++;
            mass[c] += halos.mass()[h];
            speed[c] += halos.speed(h);
        }
        float[][] out = new float[3][count.length];
        for (int c = 0; c < count.length; c++) {
            out[0][c] = (float) count[c];
            out[1][c] = (float) mass[c];
            out[2][c] = count[c] == 0 ? 0f : (float) (speed[c] / count[c]);
        }
        return out;
    }

    private static int cell(double u, double toCell, int dim) {
        int c = (int) (u * toCell);
        return c >= dim ? dim - 1 : c;
    }

    /**
     * Halo number density contrast n / n_mean - 1 on a mesh by cloud in cell, in Fourier space ({@link Fft3}
     * convention); null when there is no halo.
     */
    public static double[] contrastSpectrum(HaloCatalog halos, Box mesh) {
        if (halos.size() == 0) {
            return null;
        }
        return Fft3.forward(mesh, ParticleMesh.cicDensity(mesh, halos.position()));
    }

    /**
     * Halo power spectrum P_hh(k) in (Mpc/h)^3 on the bins of {@code bins} (k in h/Mpc), shot noise included
     * (subtract 1 / n_mean = volume / halos for the clustering part); NaN everywhere when there is no halo.
     */
    public static double[] power(HaloCatalog halos, SphericalPowerSpectrum bins) {
        double[] spectrum = contrastSpectrum(halos, bins.box());
        if (spectrum == null) {
            double[] nan = new double[bins.centres().length];
            java.util.Arrays.fill(nan, Double.NaN);
            return nan;
        }
        return bins.meanPower(spectrum);
    }
}
