package io.emuflow.ml.inverse;

/**
 * A diagnostic recalibration: one factor per parameter that multiplies every predicted sigma, chosen to minimise the
 * NLL of a held-out split (sigma scaling; Levi et al. 2019, arXiv:1905.11659; Kuleshov, Fenner and Ermon 2018, ICML,
 * recalibrate with a held-out set as well). evaluate-inverse fits it on the validation split and reports the
 * coverage the other splits would have with it; the model bundle is not changed by it.
 */
public final class SigmaScaling {
    /** Factors searched: 241 log-spaced values from 1/8 to 8. */
    static final double MIN = 0.125;
    static final double MAX = 8;
    static final int STEPS = 240;

    private SigmaScaling() {}

    /** The factor of the grid with the lowest mean NLL of the truths under the widened posteriors. */
    public static double fit(Mixture1D[] posteriors, double[] truth) {
        if (posteriors.length != truth.length || truth.length == 0) {
            throw new IllegalArgumentException(posteriors.length + " posteriors for " + truth.length + " true values");
        }
        double best = 1;
        double bestNll = Double.POSITIVE_INFINITY;
        for (int step = 0; step <= STEPS; step++) {
            double factor = MIN * Math.pow(MAX / MIN, (double) step / STEPS);
            double nll = 0;
            for (int i = 0; i < truth.length; i++) {
                nll -= posteriors[i].widened(factor).logDensity(truth[i]);
            }
            if (nll < bestNll) {
                bestNll = nll;
                best = factor;
            }
        }
        return best;
    }

    /** Every posterior widened by {@code factor}. */
    public static Mixture1D[] apply(Mixture1D[] posteriors, double factor) {
        Mixture1D[] out = new Mixture1D[posteriors.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = posteriors[i].widened(factor);
        }
        return out;
    }
}
