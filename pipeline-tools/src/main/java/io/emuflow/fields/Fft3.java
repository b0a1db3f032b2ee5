package io.emuflow.fields;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.jtransforms.fft.DoubleFFT_3D;
import org.visnow.jlargearrays.ConcurrencyUtils;

/**
 * 3D FFTs of cubic boxes through JTransforms. Convention (numpy's): forward F(k) = sum_x f(x) e^{-i k x},
 * inverse f(x) = (1/N^3) sum_k F(k) e^{+i k x}. Complex arrays are interleaved (re, im) in the index order of
 * {@link Box#index}. Transforms are deterministic: JTransforms splits independent 1D transforms across threads,
 * so the result does not depend on the thread count.
 */
public final class Fft3 {
    // One plan per grid size and thread: plans hold scratch tables, so threads do not share them.
    private static final Map<Integer, ThreadLocal<DoubleFFT_3D>> PLANS = new ConcurrentHashMap<>();

    private Fft3() {}

    /**
     * Sets the number of threads JTransforms uses inside one transform. This is a JVM-wide setting of the
     * library; 1 is best when samples already run in parallel.
     */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("FFT threads must be >= 1, got " + threads);
        }
        ConcurrencyUtils.setNumberOfThreads(threads);
    }

    private static DoubleFFT_3D plan(int n) {
        return PLANS.computeIfAbsent(n, size -> ThreadLocal.withInitial(() -> new DoubleFFT_3D(size, size, size))).get();
    }

    /** Forward transform of a real field; returns a new interleaved complex array. */
    public static double[] forward(Box box, double[] real) {
        check(box, real, 1);
        double[] complex = new double[2 * real.length];
        for (int c = 0; c < real.length; c++) {
            complex[2 * c] = real[c];
        }
        plan(box.n()).complexForward(complex);
        return complex;
    }

    /** In-place inverse transform (with the 1/N^3 factor) of an interleaved complex array. */
    public static void inverseInPlace(Box box, double[] complex) {
        check(box, complex, 2);
        plan(box.n()).complexInverse(complex, true);
    }

    /**
     * Inverse transform of two Hermitian spectra at once: packs A + iB, transforms once, and returns the real
     * fields a (real part) and b (imaginary part). Both spectra must be exactly Hermitian (zero any odd factor on
     * the Nyquist planes), or each leaks into the other.
     */
    public static double[][] inversePair(Box box, double[] spectrumA, double[] spectrumB) {
        check(box, spectrumA, 2);
        check(box, spectrumB, 2);
        double[] packed = new double[spectrumA.length];
        for (int c = 0; c < packed.length; c += 2) {
            packed[c] = spectrumA[c] - spectrumB[c + 1];
            packed[c + 1] = spectrumA[c + 1] + spectrumB[c];
        }
        return inversePacked(box, packed);
    }

    /**
     * Inverse transform of a packed spectrum A + iB (overwritten); returns the real fields {a, b}.
     */
    public static double[][] inversePacked(Box box, double[] packed) {
        inverseInPlace(box, packed);
        double[] a = new double[box.cells()];
        double[] b = new double[box.cells()];
        for (int c = 0; c < a.length; c++) {
            a[c] = packed[2 * c];
            b[c] = packed[2 * c + 1];
        }
        return new double[][] {a, b};
    }

    /** Inverse transform of one Hermitian spectrum; returns the real part. */
    public static double[] inverseReal(Box box, double[] spectrum) {
        double[] work = spectrum.clone();
        inverseInPlace(box, work);
        double[] real = new double[box.cells()];
        for (int c = 0; c < real.length; c++) {
            real[c] = work[2 * c];
        }
        return real;
    }

    private static void check(Box box, double[] array, int perCell) {
        if (array.length != perCell * box.cells()) {
            throw new IllegalArgumentException("array of length " + array.length + " does not hold a " + box.n() + "^3 "
                    + (perCell == 1 ? "real" : "complex") + " field");
        }
    }
}
