package io.emuflow.halomodel;

/** The linear density contrast delta_c at which a spherical perturbation collapses. */
public enum CollapseThreshold {
    /** Einstein-de Sitter value 3/20 (12 pi)^(2/3) = 1.68647 (e.g. Gunn &amp; Gott 1972; Peebles 1980, sect. 19). */
    EDS,
    /**
     * Nakamura &amp; Suto 1997 (Prog. Theor. Phys. 97, 49, appendix; equation number not verified) fit for flat
     * LambdaCDM: delta_c = 1.68647 (1 + 0.012299 log10 Omega_m(z)), the form the CCL halo-model benchmark uses.
     */
    NAKAMURA_SUTO;

    public static final double EDS_VALUE = 3.0 / 20.0 * Math.pow(12 * Math.PI, 2.0 / 3.0);

    public double value(double omegaMz) {
        return this == EDS ? EDS_VALUE : EDS_VALUE * (1 + 0.012299 * Math.log10(omegaMz));
    }
}
