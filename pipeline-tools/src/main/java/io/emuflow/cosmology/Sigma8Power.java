package io.emuflow.cosmology;

import java.util.function.DoubleUnaryOperator;

/**
 * A linear matter power spectrum at z = 0 normalised by sigma8, as 21cmFAST normalises its own: P(k) = 2 pi^2 N^2
 * k^n_s T(k)^2 with N such that the top-hat rms fluctuation at R = 8/h Mpc is sigma8, and sigma(R)^2 = int dln k
 * k^3 P(k) W^2(kR) / (2 pi^2) (the 2 pi^2 of P cancels) by Simpson's rule over ln k in [ln 1e-7, ln 1e4] on 8000
 * intervals, the grid tabulated once so that sigma(R) is a sum. The transfer function and the top-hat window are
 * given: the 21-cm simulator passes {@link EisensteinHu1999} and its own window. (The A_s-normalised spectra of
 * {@link MatterPowerSpectrum} use {@link Variance} instead.)
 */
public final class Sigma8Power {
    private static final int STEPS = 8000; // Simpson intervals in ln k for sigma(R)
    private static final double LN_K_MIN = Math.log(1e-7);
    private static final double LN_K_MAX = Math.log(1e4);

    private final DoubleUnaryOperator transfer;
    private final DoubleUnaryOperator window;
    private final double ns;
    private final double norm2;
    // Simpson weights times k^3 P_unnormalised(k) / (2 pi^2) on the ln k grid, for fast sigma(R)
    private final double[] kGrid;
    private final double[] weightedPower;

    /**
     * @param transfer T(k), k in 1/Mpc
     * @param ns scalar spectral index
     * @param sigma8 the target sigma(8/h Mpc)
     * @param h H0 / (100 km/s/Mpc)
     * @param window the top-hat window W(x) in Fourier space, 3 (sin x - x cos x) / x^3 (e.g. {@link Variance#topHat})
     */
    public Sigma8Power(DoubleUnaryOperator transfer, double ns, double sigma8, double h, DoubleUnaryOperator window) {
        this.transfer = transfer;
        this.window = window;
        this.ns = ns;
        this.kGrid = new double[STEPS + 1];
        this.weightedPower = new double[STEPS + 1];
        double step = (LN_K_MAX - LN_K_MIN) / STEPS;
        for (int i = 0; i <= STEPS; i++) {
            double lnK = LN_K_MIN + i * step;
            double k = Math.exp(lnK);
            double simpson = (i == 0 || i == STEPS) ? 1 : (i % 2 == 1 ? 4 : 2);
            double t = transfer.applyAsDouble(k);
            kGrid[i] = k;
            weightedPower[i] = simpson * step / 3 * k * k * k * Math.pow(k, ns) * t * t;
        }
        double radius8 = 8.0 / h;
        this.norm2 = sigma8 * sigma8 / unnormalisedVariance(radius8);
    }

    /** Transfer function T(k), k in 1/Mpc. */
    public double transfer(double k) {
        return transfer.applyAsDouble(k);
    }

    /** Linear P(k) at z = 0 in Mpc^3, k in 1/Mpc (0 for k <= 0). */
    public double power(double k) {
        if (k <= 0) {
            return 0;
        }
        double t = transfer.applyAsDouble(k);
        return 2 * Math.PI * Math.PI * norm2 * Math.pow(k, ns) * t * t;
    }

    /** Top-hat rms fluctuation at z = 0 in a sphere of radius R (Mpc). */
    public double sigma(double radius) {
        return Math.sqrt(norm2 * unnormalisedVariance(radius));
    }

    // integral of k^3 P_u(k) W^2(kR) dln k (the 2 pi^2 of P cancels the 1/(2 pi^2) of sigma^2)
    private double unnormalisedVariance(double radius) {
        double sum = 0;
        for (int i = 0; i < kGrid.length; i++) {
            double w = window.applyAsDouble(kGrid[i] * radius);
            sum += weightedPower[i] * w * w;
        }
        return sum;
    }
}
