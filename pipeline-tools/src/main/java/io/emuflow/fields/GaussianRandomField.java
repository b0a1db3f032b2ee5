package io.emuflow.fields;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * A Gaussian random field with a given power spectrum P(k) (Mpc^3) on a periodic {@link Box}.
 *
 * <p>Unit white noise is drawn in real space from a seeded {@link SplittableRandom} in a fixed cell order and
 * transformed; each mode is then scaled by sqrt(P(|k|) / V_cell), so that the field's continuous-convention
 * transform has {@code <|delta(k)|^2> = V P(k)} and the real field has variance {@code (1/V) sum_k P(k)}. Drawing
 * in real space gives exact Hermitian symmetry; the fixed order makes the field a function of the seed alone
 * (bit-identical for any thread count). The k = 0 mode is set to zero.
 */
public final class GaussianRandomField {
    private GaussianRandomField() {}

    /** Returns the field's Fourier transform (forward convention of {@link Fft3}). */
    public static double[] spectrum(Box box, DoubleUnaryOperator power, long seed) {
        double[] noise = whiteNoise(box, seed);
        double[] spectrum = Fft3.forward(box, noise);
        double invCellVolume = 1.0 / box.cellVolume();
        KSpace.multiplyInPlace(box, spectrum, k -> k == 0 ? 0 : Math.sqrt(power.applyAsDouble(k) * invCellVolume));
        return spectrum;
    }

    /** The field itself in real space. */
    public static double[] realization(Box box, DoubleUnaryOperator power, long seed) {
        return Fft3.inverseReal(box, spectrum(box, power, seed));
    }

    static double[] whiteNoise(Box box, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] noise = new double[box.cells()];
        // Marsaglia polar method: two independent unit normals per accepted pair.
        int c = 0;
        while (c < noise.length) {
            double u;
            double v;
            double s;
            do {
                u = 2 * random.nextDouble() - 1;
                v = 2 * random.nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double factor = Math.sqrt(-2 * Math.log(s) / s);
            noise[c++] = u * factor;
            if (c < noise.length) {
                noise[c++] = v * factor;
            }
        }
        return noise;
    }
}
