package io.emuflow.cosmology;

/** Which linear matter power spectrum {@link MatterPowerSpectrum} uses. */
public enum LinearModel {
    /** Eisenstein & Hu 1998 with wiggles times the CLASS-calibrated correction ({@link CalibratedCorrection}): the default. */
    CORRECTED,
    /**
     * Eisenstein & Hu 1998 no-wiggle shape times the symbolic corrections of Bartlett et al. 2024 and Sui et al. 2025
     * ({@link BoltzmannCorrection}) at z = 0, evolved with the growth ODE. Less accurate than CORRECTED outside the
     * papers' training ranges (see docs/accuracy.md).
     */
    SYREN_NEW,
    /** Eisenstein & Hu 1998 transfer function with baryon acoustic oscillations. */
    EH_WIGGLE,
    /** Eisenstein & Hu 1998 no-wiggle (zero-baryon-oscillation) transfer function. */
    EH_NO_WIGGLE,
    /** Eisenstein & Hu 1999 without massive neutrinos ({@link EisensteinHu1999}), 21cmFAST's default transfer function. */
    EH99;

    /** The model of a command-line name: corrected, eisenstein-hu, eisenstein-hu-no-wiggle, eisenstein-hu-1999 or syren-new. */
    public static LinearModel named(String name) {
        return switch (name) {
            case "corrected" -> CORRECTED;
            case "eisenstein-hu" -> EH_WIGGLE;
            case "eisenstein-hu-no-wiggle" -> EH_NO_WIGGLE;
            case "eisenstein-hu-1999" -> EH99;
            case "syren-new" -> SYREN_NEW;
            default -> throw new IllegalArgumentException("--linear-model '" + name
                    + "' is unknown (corrected, eisenstein-hu, eisenstein-hu-no-wiggle, eisenstein-hu-1999, syren-new)");
        };
    }
}
