package io.emuflow.cosmology;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.interpolation.SplineInterpolator;
import org.apache.commons.math3.analysis.polynomials.PolynomialSplineFunction;

/**
 * A power spectrum given as a table (k in 1/Mpc, P in Mpc^3), read by a natural cubic spline in (ln k, ln P).
 * Outside the table it continues with a given shape scaled to meet the table's end points (e.g. a model's own
 * linear spectrum), or, without one, as power laws with the slopes of the table's ends.
 */
public final class TabulatedSpectrum implements DoubleUnaryOperator {
    private final PolynomialSplineFunction spline;
    private final double lnKMin;
    private final double lnKMax;
    private final double lnPMin;
    private final double lnPMax;
    private final double slopeLow;
    private final double slopeHigh;
    private final DoubleUnaryOperator extension;
    private final double lowScale;
    private final double highScale;

    /**
     * @param extension shape used outside the table, or null for power-law continuation
     */
    public TabulatedSpectrum(double[] k, double[] p, DoubleUnaryOperator extension) {
        if (k.length != p.length || k.length < 4) {
            throw new IllegalArgumentException("a tabulated spectrum needs matching k and P columns of at least 4 rows, got "
                    + k.length + " and " + p.length);
        }
        double[] lnK = new double[k.length];
        double[] lnP = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            if (!(k[i] > 0) || !(p[i] > 0) || !Double.isFinite(p[i])) {
                throw new IllegalArgumentException("tabulated spectrum row " + i + " has k = " + k[i] + ", P = " + p[i] + " (both must be positive)");
            }
            lnK[i] = Math.log(k[i]);
            lnP[i] = Math.log(p[i]);
            if (i > 0 && !(lnK[i] > lnK[i - 1])) {
                throw new IllegalArgumentException("tabulated spectrum: k must increase strictly (row " + i + ")");
            }
        }
        spline = new SplineInterpolator().interpolate(lnK, lnP);
        int n = k.length;
        lnKMin = lnK[0];
        lnKMax = lnK[n - 1];
        lnPMin = lnP[0];
        lnPMax = lnP[n - 1];
        slopeLow = (lnP[1] - lnP[0]) / (lnK[1] - lnK[0]);
        slopeHigh = (lnP[n - 1] - lnP[n - 2]) / (lnK[n - 1] - lnK[n - 2]);
        this.extension = extension;
        lowScale = extension == null ? 1 : p[0] / extension.applyAsDouble(k[0]);
        highScale = extension == null ? 1 : p[n - 1] / extension.applyAsDouble(k[n - 1]);
    }

    @Override
    public double applyAsDouble(double k) {
        double lnK = Math.log(k);
        if (lnK < lnKMin) {
            return extension != null ? lowScale * extension.applyAsDouble(k) : Math.exp(lnPMin + slopeLow * (lnK - lnKMin));
        }
        if (lnK > lnKMax) {
            return extension != null ? highScale * extension.applyAsDouble(k) : Math.exp(lnPMax + slopeHigh * (lnK - lnKMax));
        }
        return Math.exp(spline.value(lnK));
    }
}
