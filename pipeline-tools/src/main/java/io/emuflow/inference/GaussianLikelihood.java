package io.emuflow.inference;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSquareMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A likelihood Gaussian in the data vector d with a fixed covariance C:
 * log L(m) = -1/2 [(d - m)^T C^-1 (d - m) + log det C + n log 2 pi], evaluated through the Cholesky factor
 * C = L L^T (Apache Commons Math): chi^2 = |L^-1 (d - m)|^2 by forward substitution, log det C = 2 sum log L_ii.
 * A covariance that is not symmetric or not positive definite is refused with one line.
 */
public final class GaussianLikelihood implements Likelihood {
    private final double[] data;
    private final double[][] lower;
    private final double logNormalisation;

    public GaussianLikelihood(double[] data, double[][] covariance) {
        int n = data.length;
        if (covariance.length != n) {
            throw new IllegalArgumentException("the covariance is " + covariance.length + " x " + (covariance.length == 0 ? 0 : covariance[0].length)
                    + " for a data vector of " + n + " values");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException("data value " + i + " is " + data[i]);
            }
            for (int j = 0; j < covariance[i].length; j++) {
                if (!Double.isFinite(covariance[i][j])) {
                    throw new IllegalArgumentException("covariance element (" + i + ", " + j + ") is " + covariance[i][j]);
                }
            }
        }
        RealMatrix c;
        try {
            c = new Array2DRowRealMatrix(covariance, true);
            CholeskyDecomposition cholesky = new CholeskyDecomposition(c, 1e-10, 0);
            this.lower = cholesky.getL().getData();
        } catch (NonSquareMatrixException e) {
            throw new IllegalArgumentException("the covariance matrix is not square: " + e.getMessage());
        } catch (NonSymmetricMatrixException e) {
            throw new IllegalArgumentException("the covariance matrix is not symmetric (" + e.getMessage() + ")");
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new IllegalArgumentException("the covariance matrix is not positive definite (Cholesky failed: " + e.getMessage() + ")");
        } catch (org.apache.commons.math3.exception.DimensionMismatchException e) {
            throw new IllegalArgumentException("the covariance matrix has rows of different lengths");
        }
        this.data = data.clone();
        double logDet = 0;
        for (int i = 0; i < n; i++) {
            if (!(lower[i][i] > 0)) {
                throw new IllegalArgumentException("the covariance matrix is not positive definite (pivot " + i + " is " + lower[i][i] + ")");
            }
            logDet += 2 * Math.log(lower[i][i]);
        }
        this.logNormalisation = -0.5 * (logDet + n * Math.log(2 * Math.PI));
    }

    @Override
    public int size() {
        return data.length;
    }

    public double[] data() {
        return data.clone();
    }

    /** chi^2 = (d - m)^T C^-1 (d - m). */
    public double chiSquared(double[] model) {
        int n = data.length;
        double[] y = new double[n];
        double chi2 = 0;
        for (int i = 0; i < n; i++) {
            double s = data[i] - model[i];
            double[] row = lower[i];
            for (int j = 0; j < i; j++) {
                s -= row[j] * y[j];
            }
            y[i] = s / row[i];
            chi2 += y[i] * y[i];
        }
        return chi2;
    }

    @Override
    public double logLikelihood(double[] model) {
        for (double m : model) {
            if (!Double.isFinite(m)) {
                return Double.NEGATIVE_INFINITY;
            }
        }
        return logNormalisation - 0.5 * chiSquared(model);
    }
}
