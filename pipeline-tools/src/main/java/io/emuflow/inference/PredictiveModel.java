package io.emuflow.inference;

/** Predicted data vectors for rows of free parameters, in one batch: {@link DataModel} (one spectrum model), {@link CmbModel}. */
public interface PredictiveModel {
    ParameterSpace space();

    /** Number of values of a predicted data vector. */
    int size();

    double[][] predict(double[][] free);
}
