/**
 * Experimental design and seeds: the Latin hypercube, and the derivation of every step's seed from the pipeline seed,
 * so that the same inputs and seed give bit-identical outputs.
 *
 * <p>May import {@code data} (parameter ranges) only.
 */
package io.emuflow.sampling;
