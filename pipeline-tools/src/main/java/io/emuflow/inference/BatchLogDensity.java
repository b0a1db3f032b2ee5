package io.emuflow.inference;

/**
 * A log density evaluated for many points at once, so that a model with a batch path (an emulator's
 * {@code predict} of many rows) is called once per batch. Points outside the support get -infinity.
 */
@FunctionalInterface
public interface BatchLogDensity {
    /** log p(x) for each row of {@code points} ([n][dimension]). */
    double[] evaluate(double[][] points);
}
