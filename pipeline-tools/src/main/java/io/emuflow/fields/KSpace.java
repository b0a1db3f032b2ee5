package io.emuflow.fields;

import java.util.function.DoubleUnaryOperator;

/** Operations on interleaved complex Fourier fields of a {@link Box}. */
public final class KSpace {
    /**
     * Ratio of the sharp k-space filter's cut-off radius to the real-space top-hat radius of equal volume,
     * (9 pi / 2)^(-1/3), as in 21cmFAST's filter_box (Mesinger et al. 2011).
     */
    public static final double SHARP_K_FACTOR = 0.413566994;

    private KSpace() {}

    /** |k| in 1/Mpc of the mode at grid indices (i, j, k). */
    public static double magnitude(Box box, int i, int j, int k) {
        double kx = box.wavenumber(i);
        double ky = box.wavenumber(j);
        double kz = box.wavenumber(k);
        return Math.sqrt(kx * kx + ky * ky + kz * kz);
    }

    /** Returns a copy of {@code spectrum} with each mode multiplied by {@code window(|k|)} (a real, even window). */
    public static double[] filtered(Box box, double[] spectrum, DoubleUnaryOperator window) {
        double[] out = spectrum.clone();
        multiplyInPlace(box, out, window);
        return out;
    }

    public static void multiplyInPlace(Box box, double[] spectrum, DoubleUnaryOperator window) {
        int n = box.n();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    int c = 2 * box.index(i, j, k);
                    double w = window.applyAsDouble(magnitude(box, i, j, k));
                    spectrum[c] *= w;
                    spectrum[c + 1] *= w;
                }
            }
        }
    }

    /**
     * Copy of {@code spectrum} with every mode of |k| R (9 pi/2)^(-1/3) > 1 set to zero: the sharp k-space filter
     * of radius R (Mpc) that 21cmFAST's excursion set uses (HII_FILTER = 1).
     */
    public static double[] sharpK(Box box, double[] spectrum, double radius) {
        double kCut = 1.0 / (radius * SHARP_K_FACTOR);
        double kCut2 = kCut * kCut;
        int n = box.n();
        double[] out = spectrum.clone();
        double[] k2 = new double[n];
        for (int i = 0; i < n; i++) {
            double w = box.wavenumber(i);
            k2[i] = w * w;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double kxy = k2[i] + k2[j];
                if (kxy + k2[n / 2] <= kCut2) {
                    continue; // the whole row of k_z survives
                }
                int row = 2 * box.index(i, j, 0);
                for (int k = 0; k < n; k++) {
                    if (kxy + k2[k] > kCut2) {
                        out[row + 2 * k] = 0;
                        out[row + 2 * k + 1] = 0;
                    }
                }
            }
        }
        return out;
    }

    /** Fourier transform of the real-space spherical top-hat of radius R: 3 (sin x - x cos x) / x^3, x = kR. */
    public static double topHatWindow(double kR) {
        if (kR < 1e-4) {
            return 1 - kR * kR / 10;
        }
        return 3 * (Math.sin(kR) - kR * Math.cos(kR)) / (kR * kR * kR);
    }
}
