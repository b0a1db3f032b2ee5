package io.emuflow.ml.inverse;

import java.util.Random;

/**
 * A predicted one-dimensional posterior of one parameter of one sample: what the calibration figures (coverage, PIT,
 * interval widths; {@link Calibration}) and TARP ({@link Tarp}) read. Implemented by the network's own mixture
 * ({@link Mixture1D}) and by a mixture passed through a quantile recalibration map ({@link RecalibratedPosterior}).
 */
public interface Posterior1D {
    /** Cumulative distribution F(y), continuous and non-decreasing. */
    double cdf(double y);

    /** The quantile F^-1(q), 0 &lt; q &lt; 1. */
    double quantile(double q);

    /** One random draw. */
    double sample(Random random);

    /** Width of the central interval holding {@code level} of the probability, F^-1((1+level)/2) - F^-1((1-level)/2). */
    default double centralWidth(double level) {
        return quantile(0.5 + level / 2) - quantile(0.5 - level / 2);
    }
}
