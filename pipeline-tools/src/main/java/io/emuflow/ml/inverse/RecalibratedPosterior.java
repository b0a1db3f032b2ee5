package io.emuflow.ml.inverse;

import java.util.Random;

/**
 * A predicted mixture passed through a quantile recalibration map ({@link QuantileMap}; Kuleshov, Fenner and Ermon
 * 2018, Algorithm 1): CDF R(F(y)), quantile F^-1(R^-1(q)) (F inverted numerically for a mixture,
 * {@link Mixture1D#quantile}), draws by inverting that CDF at a uniform variate.
 */
public record RecalibratedPosterior(Mixture1D base, QuantileMap map) implements Posterior1D {
    @Override
    public double cdf(double y) {
        return map.apply(base.cdf(y));
    }

    @Override
    public double quantile(double q) {
        return base.quantile(map.inverse(q));
    }

    /** Inverse-transform sampling: F^-1(R^-1(u)), u uniform on (0, 1). */
    @Override
    public double sample(Random random) {
        double u;
        do {
            u = random.nextDouble();
        } while (u == 0);
        return quantile(u);
    }
}
