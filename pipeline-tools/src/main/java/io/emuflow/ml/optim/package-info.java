/**
 * Optimisers that ND4J 1.0.0-M2.1 lacks, as ND4J {@code IUpdater} configurations with their {@code GradientUpdater}s,
 * so that DL4J networks train, save (network.json, ModelSerializer) and change rate per stage with them as with
 * ND4J's own: {@link io.emuflow.ml.optim.RAdam}.
 *
 * <p>Imports only ND4J.
 */
package io.emuflow.ml.optim;
