package io.emuflow.fields;

/**
 * A periodic cubic box of {@code n}^3 cells and side {@code length} (Mpc). Real fields are stored as
 * {@code double[n*n*n]} with index {@code (i*n + j)*n + k}; Fourier fields as interleaved complex
 * {@code double[2*n*n*n]} in the same order (see {@link Fft3}).
 */
public record Box(int n, double length) {

    public Box {
        if (n < 4 || n % 2 != 0) {
            throw new IllegalArgumentException("box grid size must be an even number >= 4, got " + n);
        }
        if ((long) n * n * n * 2 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("box grid size " + n + " is too large (complex arrays exceed 2^31 entries)");
        }
        if (!(length > 0) || Double.isInfinite(length)) {
            throw new IllegalArgumentException("box length must be a positive number of Mpc, got " + length);
        }
    }

    public int cells() {
        return n * n * n;
    }

    public double cellSize() {
        return length / n;
    }

    public double cellVolume() {
        double c = cellSize();
        return c * c * c;
    }

    public double volume() {
        return length * length * length;
    }

    /** The fundamental wavenumber 2 pi / L in 1/Mpc. */
    public double kFundamental() {
        return 2 * Math.PI / length;
    }

    /** The Nyquist wavenumber pi n / L in 1/Mpc. */
    public double kNyquist() {
        return Math.PI * n / length;
    }

    public int index(int i, int j, int k) {
        return (i * n + j) * n + k;
    }

    /**
     * Signed mode number of grid index {@code i} in the FFT order: 0..n/2 are non-negative, n/2+1..n-1 negative
     * (index n/2, the Nyquist mode, counts as +n/2, as in 21cmFAST).
     */
    public int modeNumber(int i) {
        return i <= n / 2 ? i : i - n;
    }

    /** Wavenumber component (1/Mpc) of grid index {@code i}. */
    public double wavenumber(int i) {
        return modeNumber(i) * kFundamental();
    }
}
