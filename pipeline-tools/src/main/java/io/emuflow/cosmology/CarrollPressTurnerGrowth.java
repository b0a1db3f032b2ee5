package io.emuflow.cosmology;

/**
 * Linear growth factor D(z), divided by g(Omega_m), from the fitting formula of Carroll, Press &amp; Turner 1992
 * (ARA&amp;A 30, 499, eq. 29) for a flat universe with a cosmological constant, in the form of Liddle et al. 1996
 * (astro-ph/9512102, eqs. 6-8) that 21cmFAST's dicke() uses: g(Omega) = 5/2 Omega / (1/70 + Omega (209 - Omega) / 140
 * + Omega^(4/7)), D(z) = g(Omega_m(z)) / (g(Omega_m) (1 + z)). Omega_m(z) is 21cmFAST's: Omega_Lambda = 1 - Omega_m
 * and a radiation density Omega_r in the expansion rate only, Omega_m(z) = Omega_m (1+z)^3 / (Omega_Lambda +
 * Omega_m (1+z)^3 + Omega_r (1+z)^4); so D(0) = 1 - 2e-5 rather than 1 when Omega_r > 0, as in 21cmFAST. The
 * 21-cm simulator uses this form because 21cmFAST does: the collapsed fraction depends steeply on D. It agrees with
 * the growth ODE ({@link GrowthFactor}) of a matter + Lambda universe to 0.6% for Omega_m in [0.2, 0.5] and z up to 300;
 * with radiation, which the fit does not put into the growth equation, to 0.6% up to z = 20 (LinearGrowthTest).
 */
public final class CarrollPressTurnerGrowth implements LinearGrowth {
    private final double omegaM;
    private final double omegaR;
    private final double gToday;

    /**
     * @param omegaM Omega_m today
     * @param omegaR Omega_r today, in the expansion rate only (21cmFAST: 8.6e-5)
     */
    public CarrollPressTurnerGrowth(double omegaM, double omegaR) {
        if (!(omegaM > 0 && omegaM < 1) || !(omegaR >= 0 && omegaR < 1e-3)) {
            throw new IllegalArgumentException("Carroll-Press-Turner growth needs 0 < Omega_m < 1 and 0 <= Omega_r < 1e-3, got "
                    + omegaM + ", " + omegaR);
        }
        this.omegaM = omegaM;
        this.omegaR = omegaR;
        this.gToday = g(omegaM);
    }

    @Override
    public double normalized(double z) {
        if (!(z >= 0)) {
            throw new IllegalArgumentException("redshift must be >= 0, got " + z);
        }
        return g(omegaMatterAt(z)) / (gToday * (1 + z));
    }

    /** Omega_m(z) = Omega_m (1+z)^3 / E(z)^2, with E(z)^2 = 1 - Omega_m + Omega_m (1+z)^3 + Omega_r (1+z)^4. */
    public double omegaMatterAt(double z) {
        double a3 = Math.pow(1 + z, 3);
        return omegaM * a3 / ((1 - omegaM) + omegaM * a3 + omegaR * a3 * (1 + z));
    }

    private static double g(double omega) {
        return 2.5 * omega / (1.0 / 70.0 + omega * (209 - omega) / 140.0 + Math.pow(omega, 4.0 / 7.0));
    }
}
