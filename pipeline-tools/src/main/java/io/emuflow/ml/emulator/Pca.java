package io.emuflow.ml.emulator;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * PCA compression of standardised targets (as CosmoPower's PCA emulators): y ~ mean + c V^T, with V the
 * leading principal directions (K x m, orthonormal columns). The network learns the scaled coefficients
 * c' = c / coefficientStd. How coefficientStd is chosen is the {@link Scaling}; decoding is the same formula
 * either way (y = mean + (c' * coefficientStd) V^T), so every consumer of a bundle or export honours both.
 */
public record Pca(double[] mean, double[][] components, double[] coefficientStd, Scaling scaling) {

    /** How the coefficients are scaled before the network learns them (model setting {@code pca_scaling}). */
    public enum Scaling {
        /**
         * Each coefficient to unit variance on the training set. Every output then weighs the same in the MSE, so
         * the tiny trailing components (a fraction of a percent of the variance) get as much of the network's
         * effort as the leading ones, and the loss is not the reconstruction error.
         */
        PER_COMPONENT,
        /**
         * All coefficients divided by one scale, the RMS of their stds (sqrt of the mean variance over the m
         * components). Since V is orthonormal, the MSE of the network outputs is then proportional to the squared
         * reconstruction error of the standardised target, i.e. the loss weighs each component by what it
         * contributes to the spectrum. The RMS makes the mean output variance 1, so predicting zero costs a loss
         * of 1 as with per_component. It is also smaller than the first component's std (here 2.5 against 13.8
         * for pk-emulator), which makes the outputs larger: the weight noise Adam leaves at a given rate then costs
         * proportionally less once decoded (measured in docs/accuracy.md, "Neural networks").
         */
        COMMON;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Scaling parse(String text) {
            for (Scaling s : values()) {
                if (s.key().equals(text)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("'pca_scaling' must be per_component or common, got '" + text + "'");
        }
    }

    public Pca {
        java.util.Objects.requireNonNull(scaling, "scaling");
        if (components.length != coefficientStd.length) {
            throw new IllegalArgumentException("PCA has " + components.length + " components and " + coefficientStd.length
                    + " coefficient scales");
        }
        if (scaling == Scaling.COMMON) {
            for (double s : coefficientStd) {
                if (s != coefficientStd[0]) {
                    throw new IllegalArgumentException("PCA scaling is common but the coefficient scales differ");
                }
            }
        }
    }

    /** Fits m components on the rows of y (training split only), each coefficient scaled to unit variance. */
    public static Pca fit(double[][] y, int m) {
        return fit(y, m, Scaling.PER_COMPONENT);
    }

    /** Fits m components on the rows of y (training split only), coefficients scaled as {@code scaling} says. */
    public static Pca fit(double[][] y, int m, Scaling scaling) {
        int n = y.length;
        int k = y[0].length;
        if (m > k) {
            throw new IllegalArgumentException("pca_components is " + m + " but the target has only " + k + " columns");
        }
        if (m > n) {
            throw new IllegalArgumentException("pca_components is " + m + " but there are only " + n + " training samples");
        }
        double[] mean = new double[k];
        for (double[] row : y) {
            for (int j = 0; j < k; j++) {
                mean[j] += row[j] / n;
            }
        }
        // covariance (K x K), then its eigenvectors through an SVD (symmetric, so U = V)
        double[][] cov = new double[k][k];
        double[] d = new double[k];
        for (double[] row : y) {
            for (int j = 0; j < k; j++) {
                d[j] = row[j] - mean[j];
            }
            for (int a = 0; a < k; a++) {
                double da = d[a];
                double[] ca = cov[a];
                for (int b = a; b < k; b++) {
                    ca[b] += da * d[b];
                }
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                cov[a][b] /= n;
                cov[b][a] = cov[a][b];
            }
        }
        RealMatrix u = new SingularValueDecomposition(new Array2DRowRealMatrix(cov, false)).getU();
        double[][] components = new double[m][k];
        for (int c = 0; c < m; c++) {
            // fix the sign so that the fit is reproducible: largest |entry| positive
            double largest = 0;
            for (int j = 0; j < k; j++) {
                if (Math.abs(u.getEntry(j, c)) > Math.abs(largest)) {
                    largest = u.getEntry(j, c);
                }
            }
            double sign = largest < 0 ? -1 : 1;
            for (int j = 0; j < k; j++) {
                components[c][j] = sign * u.getEntry(j, c);
            }
        }
        Pca raw = new Pca(mean, components, ones(m), Scaling.COMMON);
        double[][] coefficients = raw.encode(y);
        double[] std = new double[m];
        for (double[] row : coefficients) {
            for (int c = 0; c < m; c++) {
                std[c] += row[c] * row[c] / n;
            }
        }
        for (int c = 0; c < m; c++) {
            std[c] = Math.max(Math.sqrt(std[c]), 1e-12);
        }
        if (scaling == Scaling.COMMON) {
            double variance = 0;
            for (double sc : std) {
                variance += sc * sc / m;
            }
            java.util.Arrays.fill(std, Math.sqrt(variance));
        }
        return new Pca(mean, components, std, scaling);
    }

    public int size() {
        return components.length;
    }

    public int columns() {
        return mean.length;
    }

    /** Scaled coefficients of each row (what the network learns). */
    public double[][] encode(double[][] y) {
        int m = components.length;
        double[][] out = new double[y.length][m];
        for (int i = 0; i < y.length; i++) {
            for (int c = 0; c < m; c++) {
                double sum = 0;
                double[] v = components[c];
                for (int j = 0; j < v.length; j++) {
                    sum += (y[i][j] - mean[j]) * v[j];
                }
                out[i][c] = sum / coefficientStd[c];
            }
        }
        return out;
    }

    /** Rows back from scaled coefficients. */
    public double[][] decode(double[][] coefficients) {
        int k = mean.length;
        double[][] out = new double[coefficients.length][];
        for (int i = 0; i < coefficients.length; i++) {
            double[] row = mean.clone();
            for (int c = 0; c < components.length; c++) {
                double a = coefficients[i][c] * coefficientStd[c];
                double[] v = components[c];
                for (int j = 0; j < k; j++) {
                    row[j] += a * v[j];
                }
            }
            out[i] = row;
        }
        return out;
    }

    private static double[] ones(int m) {
        double[] out = new double[m];
        java.util.Arrays.fill(out, 1.0);
        return out;
    }
}
