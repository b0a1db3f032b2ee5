/**
 * Evaluation of emulators: error statistics (relative errors, percentiles, bands), the model card, and the PNG
 * plots (XChart) with units, percent errors and reference lines.
 *
 * <p>May import {@code data} and {@code ml}; the inverse models' evaluation lives with them in {@code ml.inverse}.
 */
package io.emuflow.evaluate;
