package io.emuflow.inference;

/** log L of a predicted data vector against the data: a dense Gaussian ({@link GaussianLikelihood}) or a block one. */
public interface Likelihood {
    /** Number of data values. */
    int size();

    /** log L(model); -infinity for a model with a non-finite value. */
    double logLikelihood(double[] model);
}
