package io.emuflow.reionization;

/**
 * Linear growth factor D(z), normalised to D(0) = 1, from the fitting formula of Carroll, Press &amp; Turner 1992
 * (ARA&amp;A 30, 499, eq. 29) for a flat universe with a cosmological constant, in the form of Liddle et al. 1996
 * (astro-ph/9512102, eqs. 6-8) that 21cmFAST's dicke() uses: g(Omega) = 5/2 Omega / (1/70 + Omega (209 - Omega) / 140
 * + Omega^(4/7)), D(z) = g(Omega_m(z)) / (g(Omega_m) (1 + z)). Using the same form as 21cmFAST matters: the
 * collapsed fraction depends steeply on D.
 */
public final class GrowthFactor {
    private final ReionCosmology cosmology;
    private final double gToday;

    public GrowthFactor(ReionCosmology cosmology) {
        this.cosmology = cosmology;
        this.gToday = g(cosmology.omegaM());
    }

    public double at(double z) {
        if (!(z >= 0)) {
            throw new IllegalArgumentException("redshift must be >= 0, got " + z);
        }
        return g(cosmology.omegaMatterAt(z)) / (gToday * (1 + z));
    }

    private static double g(double omega) {
        return 2.5 * omega / (1.0 / 70.0 + omega * (209 - omega) / 140.0 + Math.pow(omega, 4.0 / 7.0));
    }
}
