/**
 * Inverse models (spectrum or box to parameters): dense and CNN regressors and classifiers, their input pipelines
 * fitted on the training split, training, evaluation (R^2, RMSE, confusion matrices) and plots.
 *
 * <p>May import {@code data}, {@code ml} and {@code sampling}; no physics, no CLI.
 */
package io.emuflow.ml.inverse;
