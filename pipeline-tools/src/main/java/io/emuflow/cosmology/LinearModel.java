package io.emuflow.cosmology;

/** Which linear matter power spectrum {@link MatterPowerSpectrum} uses. */
public enum LinearModel {
    /** Eisenstein & Hu 1998 no-wiggle shape times the symbolic Boltzmann-code correction (see {@link BoltzmannCorrection}). */
    CORRECTED,
    /** Eisenstein & Hu 1998 transfer function with baryon acoustic oscillations. */
    EH_WIGGLE,
    /** Eisenstein & Hu 1998 no-wiggle (zero-baryon-oscillation) transfer function. */
    EH_NO_WIGGLE
}
