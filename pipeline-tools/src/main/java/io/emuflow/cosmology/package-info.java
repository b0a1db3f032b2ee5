/**
 * Background cosmology and the matter power spectrum: expansion history, linear growth ({@code LinearGrowth}: the ODE,
 * the closed form of flat LambdaCDM, Carroll-Press-Turner), Eisenstein & Hu 1998 and 1999 transfer functions,
 * primordial spectrum, sigma(R) (A_s- or sigma8-normalised), Halofit (Takahashi et al. 2012) and the calibrated
 * correction towards CLASS. Every simulator takes its cosmology from here: the 21-cm simulator picks 21cmFAST's forms
 * (Carroll-Press-Turner growth, EH99 normalised by sigma8).
 *
 * <p>Pure physics: imports nothing else from io.emuflow and no HDF5, DL4J or CLI code; every formula cites paper and
 * equation. Simulators (package {@code simulate}) and the physics packages built on it use it. A new linear-power
 * form or growth model goes here as a named alternative.
 */
package io.emuflow.cosmology;
