package io.emuflow.fields;

/**
 * Spherically averaged power spectrum of a real box in logarithmic bins, with the convention of the 21cmFAST
 * reference figures (shared/reference/21cmfast/README.md): the field's mean is removed; T(k) = (L/N)^3 FFT;
 * P = |T(k)|^2 / L^3; Delta^2 = mean over the modes of a bin of k^3 P(k) / (2 pi^2). The bin edges are
 * logspace(log10(2 pi / L), log10(pi N / L), bins + 1); a mode belongs to the bin whose lower edge it reaches
 * (a mode lying on an edge, which happens for |n|^2 = 2^(j/2) with 20 bins, goes to the upper bin, and the last
 * bin includes its upper edge). Modes are those of the full N^3 transform (k and -k both count). A bin with no
 * mode is NaN.
 */
public final class SphericalPowerSpectrum {
    /** Relative tolerance for deciding that a mode lies on a bin edge. */
    private static final double EDGE_TOLERANCE = 1e-9;

    private final Box box;
    private final double[] edges;
    private final double[] centres;
    // for each mode of the N^3 grid: its bin (-1 outside every bin) and k^3 / (2 pi^2)
    private final int[] binOfMode;
    private final double[] weightOfMode;
    private final long[] modeCounts;

    public SphericalPowerSpectrum(Box box, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("need at least one k bin, got " + bins);
        }
        this.box = box;
        double lo = Math.log10(box.kFundamental());
        double hi = Math.log10(box.kNyquist());
        edges = new double[bins + 1];
        centres = new double[bins];
        for (int b = 0; b <= bins; b++) {
            edges[b] = Math.pow(10, lo + (hi - lo) * b / bins);
        }
        for (int b = 0; b < bins; b++) {
            centres[b] = Math.pow(10, lo + (hi - lo) * (b + 0.5) / bins);
        }
        binOfMode = new int[box.cells()];
        weightOfMode = new double[box.cells()];
        modeCounts = new long[bins];
        double logWidth = (hi - lo) / bins;
        int n = box.n();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    int c = box.index(i, j, k);
                    double kMag = KSpace.magnitude(box, i, j, k);
                    int bin = -1;
                    if (kMag > 0) {
                        double position = (Math.log10(kMag) - lo) / logWidth;
                        int candidate = (int) Math.floor(position + EDGE_TOLERANCE);
                        if (candidate == bins && position <= bins + EDGE_TOLERANCE) {
                            candidate = bins - 1; // the top edge belongs to the last bin
                        }
                        if (candidate >= 0 && candidate < bins) {
                            bin = candidate;
                        }
                    }
                    binOfMode[c] = bin;
                    weightOfMode[c] = kMag * kMag * kMag / (2 * Math.PI * Math.PI);
                    if (bin >= 0) {
                        modeCounts[bin]++;
                    }
                }
            }
        }
    }

    public Box box() {
        return box;
    }

    /** Geometric centres of the bins (1/Mpc): the k grid of the spectra. */
    public double[] centres() {
        return centres.clone();
    }

    public double[] edges() {
        return edges.clone();
    }

    /** Number of modes of the full N^3 transform in each bin. */
    public long[] modeCounts() {
        return modeCounts.clone();
    }

    /** Delta^2(k) of a real field, in the field's units squared. */
    public double[] dimensionless(double[] field) {
        double[] spectrum = Fft3.forward(box, field);
        spectrum[0] = 0; // removing the mean is zeroing the k = 0 mode
        spectrum[1] = 0;
        double norm = box.cellVolume() * box.cellVolume() / box.volume(); // ((L/N)^3)^2 / L^3
        double[] sums = new double[edges.length - 1];
        for (int c = 0; c < binOfMode.length; c++) {
            int bin = binOfMode[c];
            if (bin >= 0) {
                double re = spectrum[2 * c];
                double im = spectrum[2 * c + 1];
                sums[bin] += weightOfMode[c] * (re * re + im * im) * norm;
            }
        }
        for (int b = 0; b < sums.length; b++) {
            sums[b] = modeCounts[b] == 0 ? Double.NaN : sums[b] / modeCounts[b];
        }
        return sums;
    }

    /**
     * Mean power P(k) (field units squared times Mpc^3) of the modes in each bin, for a field given by its Fourier
     * transform in the {@link Fft3} convention; NaN for empty bins.
     */
    public double[] meanPower(double[] spectrum) {
        double norm = box.cellVolume() * box.cellVolume() / box.volume();
        double[] sums = new double[edges.length - 1];
        for (int c = 0; c < binOfMode.length; c++) {
            int bin = binOfMode[c];
            if (bin >= 0) {
                double re = spectrum[2 * c];
                double im = spectrum[2 * c + 1];
                sums[bin] += (re * re + im * im) * norm;
            }
        }
        for (int b = 0; b < sums.length; b++) {
            sums[b] = modeCounts[b] == 0 ? Double.NaN : sums[b] / modeCounts[b];
        }
        return sums;
    }

    /** Mean over the modes of each bin of {@code f(|k|)}; NaN for empty bins. */
    public double[] meanOverModes(java.util.function.DoubleUnaryOperator f) {
        double[] sums = new double[edges.length - 1];
        int n = box.n();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    int bin = binOfMode[box.index(i, j, k)];
                    if (bin >= 0) {
                        sums[bin] += f.applyAsDouble(KSpace.magnitude(box, i, j, k));
                    }
                }
            }
        }
        for (int b = 0; b < sums.length; b++) {
            sums[b] = modeCounts[b] == 0 ? Double.NaN : sums[b] / modeCounts[b];
        }
        return sums;
    }
}
