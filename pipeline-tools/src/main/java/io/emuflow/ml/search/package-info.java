/**
 * Hyperparameter search: the search space of a study model, trial sampling (random start-up trials, then TPE that
 * learns from every finished trial) and the search log.
 *
 * <p>May import {@code data}; the trials themselves are trained by {@code ml}, one Nextflow task each.
 */
package io.emuflow.ml.search;
