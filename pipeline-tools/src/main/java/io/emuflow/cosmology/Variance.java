package io.emuflow.cosmology;

import java.util.function.DoubleUnaryOperator;

/**
 * Variance of the linear density field smoothed with a spherical top-hat of radius R:
 * sigma^2(R) = int dk/k Delta^2(k) W^2(kR), with Delta^2 = k^3 P / (2 pi^2) and the Fourier transform of the
 * top-hat W(x) = 3 (sin x - x cos x)/x^3 (standard definition, e.g. Peacock 1999, Cosmological Physics, ch. 16;
 * equation number not verified). sigma8 is sigma(8 Mpc/h), checked against CLASS in ClassAccuracyTest.
 * The integral runs over ln k with Simpson's rule on a fine fixed grid.
 */
public final class Variance {
    private static final double LN_K_MIN = Math.log(1e-6);
    private static final double LN_K_MAX = Math.log(1e3);
    private static final int STEPS = 4000;

    private Variance() {}

    /** Top-hat window in Fourier space, with its Taylor series at small x to avoid cancellation. */
    public static double topHat(double x) {
        if (x < 1e-3) {
            return 1 - x * x / 10;
        }
        return 3 * (Math.sin(x) - x * Math.cos(x)) / (x * x * x);
    }

    /**
     * sigma(R) for the power spectrum {@code power} (P(k) in Mpc^3, k in 1/Mpc), R in Mpc.
     */
    public static double sigma(DoubleUnaryOperator power, double radius) {
        double dx = (LN_K_MAX - LN_K_MIN) / STEPS;
        double sum = 0;
        for (int i = 0; i <= STEPS; i++) {
            double k = Math.exp(LN_K_MIN + i * dx);
            double w = topHat(k * radius);
            double integrand = k * k * k * power.applyAsDouble(k) * w * w;
            double weight = (i == 0 || i == STEPS) ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += weight * integrand;
        }
        return Math.sqrt(sum * dx / 3 / (2 * Math.PI * Math.PI));
    }
}
