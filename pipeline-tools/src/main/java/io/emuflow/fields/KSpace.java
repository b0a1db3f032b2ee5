package io.emuflow.fields;

import java.util.function.DoubleUnaryOperator;

/**
 * Operations on interleaved complex Fourier fields of a {@link Box}. Radial functions are evaluated once per
 * distinct |n|^2 (integer mode numbers), not once per mode.
 */
public final class KSpace {
    /**
     * Ratio of the sharp k-space filter's cut-off radius to the real-space top-hat radius of equal volume,
     * (9 pi / 2)^(-1/3), as in 21cmFAST's filter_box (Mesinger et al. 2011).
     */
    public static final double SHARP_K_FACTOR = 0.413566994;

    private KSpace() {}

    /** |k| in 1/Mpc of the mode at grid indices (i, j, k). */
    public static double magnitude(Box box, int i, int j, int k) {
        return Math.sqrt(squaredModeNumber(box, i, j, k)) * box.kFundamental();
    }

    /** |n|^2 = n_x^2 + n_y^2 + n_z^2 of the mode at grid indices (i, j, k). */
    public static int squaredModeNumber(Box box, int i, int j, int k) {
        int a = box.modeNumber(i);
        int b = box.modeNumber(j);
        int c = box.modeNumber(k);
        return a * a + b * b + c * c;
    }

    /** Multiplies each mode by {@code window(|k|)} (a real, even window: the field stays Hermitian). */
    public static void multiplyInPlace(Box box, double[] spectrum, DoubleUnaryOperator window) {
        int n = box.n();
        int half = n / 2;
        double[] table = new double[3 * half * half + 1];
        for (int m = 0; m < table.length; m++) {
            table[m] = window.applyAsDouble(Math.sqrt(m) * box.kFundamental());
        }
        int[] squares = squares(box);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int mxy = squares[i] + squares[j];
                int row = 2 * box.index(i, j, 0);
                for (int k = 0; k < n; k++) {
                    double w = table[mxy + squares[k]];
                    spectrum[row + 2 * k] *= w;
                    spectrum[row + 2 * k + 1] *= w;
                }
            }
        }
    }

    /** Copy of {@code spectrum} with every mode outside the sharp k-space filter of radius R set to zero. */
    public static double[] sharpK(Box box, double[] spectrum, double radius) {
        double[] packed = new double[spectrum.length];
        sharpKPacked(box, spectrum, radius, Double.NaN, packed);
        return packed;
    }

    /**
     * Writes A + iB into {@code packed}, where A and B are {@code spectrum} through sharp k-space filters of radii
     * {@code radiusA} and {@code radiusB} (NaN: B = 0): one inverse transform of the result gives both smoothed
     * real fields, A's as the real part and B's as the imaginary part. The sharp k-space filter of radius R keeps
     * the modes with k R (9 pi / 2)^(-1/3) &lt;= 1, 21cmFAST's HII_FILTER = 1.
     */
    public static void sharpKPacked(Box box, double[] spectrum, double radiusA, double radiusB, double[] packed) {
        double cutA = squaredCut(box, radiusA);
        double cutB = Double.isNaN(radiusB) ? -1 : squaredCut(box, radiusB);
        int n = box.n();
        int[] squares = squares(box);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int mxy = squares[i] + squares[j];
                int row = 2 * box.index(i, j, 0);
                for (int k = 0; k < n; k++) {
                    int c = row + 2 * k;
                    int m = mxy + squares[k];
                    double wa = m <= cutA ? 1 : 0;
                    double wb = m <= cutB ? 1 : 0;
                    double re = spectrum[c];
                    double im = spectrum[c + 1];
                    packed[c] = wa * re - wb * im;
                    packed[c + 1] = wa * im + wb * re;
                }
            }
        }
    }

    /**
     * The smallest radius whose sharp k-space filter keeps exactly the modes that {@code radius}'s filter keeps (0
     * when it keeps every mode of the grid). A box resolves filter radii only through the discrete shells |n|^2 they
     * keep, and at large radii the shells are few: in a 128 Mpc box every radius from 17.4 to 20.1 Mpc keeps
     * |n|^2 &lt;= 6 (no mode has |n|^2 = 7, which is not a sum of three squares), so 21cmFAST-style excursion sets
     * with R_BUBBLE_MAX anywhere in that range smooth the density identically.
     */
    public static double sameModesFrom(Box box, double radius) {
        if (!(radius > 0)) {
            throw new IllegalArgumentException("filter radius must be positive, got " + radius);
        }
        boolean[] shells = shells(box);
        for (int m = (int) Math.min(Math.floor(squaredCut(box, radius)) + 1, shells.length); m < shells.length; m++) {
            if (shells[m]) {
                return 1.0 / (SHARP_K_FACTOR * box.kFundamental() * Math.sqrt(m));
            }
        }
        return 0;
    }

    // which |n|^2 occur on the grid (|n_x|, |n_y|, |n_z| <= n / 2)
    private static boolean[] shells(Box box) {
        int half = box.n() / 2;
        boolean[] present = new boolean[3 * half * half + 1];
        for (int a = 0; a <= half; a++) {
            for (int b = a; b <= half; b++) {
                for (int c = b; c <= half; c++) {
                    present[a * a + b * b + c * c] = true;
                }
            }
        }
        return present;
    }

    // the largest |n|^2 that the sharp k filter of this radius keeps
    private static double squaredCut(Box box, double radius) {
        double kCut = 1.0 / (radius * SHARP_K_FACTOR) / box.kFundamental();
        return kCut * kCut;
    }

    private static int[] squares(Box box) {
        int[] squares = new int[box.n()];
        for (int i = 0; i < squares.length; i++) {
            int m = box.modeNumber(i);
            squares[i] = m * m;
        }
        return squares;
    }

    /** Fourier transform of the real-space spherical top-hat of radius R: 3 (sin x - x cos x) / x^3, x = kR. */
    public static double topHatWindow(double kR) {
        if (kR < 1e-4) {
            return 1 - kR * kR / 10;
        }
        return 3 * (Math.sin(kR) - kR * Math.cos(kR)) / (kR * kR * kR);
    }
}
