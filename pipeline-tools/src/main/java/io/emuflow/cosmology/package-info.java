/**
 * Background cosmology and the matter power spectrum: expansion history, linear growth (ODE), Eisenstein & Hu 1998
 * transfer functions, primordial spectrum, sigma(R), Halofit (Takahashi et al. 2012) and the calibrated correction
 * towards CLASS.
 *
 * <p>Pure physics: imports nothing else from io.emuflow and no HDF5, DL4J or CLI code; every formula cites paper and
 * equation. Simulators (package {@code simulate}) and the physics packages built on it use it. A new linear-power
 * form or growth model goes here as a named alternative.
 */
package io.emuflow.cosmology;
