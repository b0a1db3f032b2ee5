package io.emuflow.cosmology;

/**
 * Eisenstein & Hu 1998 (ApJ 496, 605, astro-ph/9709112; "EH98") fitting formulae for the matter transfer function of
 * CDM plus baryons: the full form with baryon acoustic oscillations (section 3, eqs. 2-24) and the
 * zero-baryon-oscillation ("no-wiggle") form (section 4.2, eqs. 26-31). Wavenumbers in 1/Mpc.
 *
 * <p>Equation numbers: eqs. 16, 17, 21, 29 and 30-31 are those the authors' own code (tf_fit.f, W. Hu's site) gives
 * for the full, CDM, baryon, zero-baryon and no-wiggle forms; eqs. 2-7, 10-12, 14, 15 and 18 agree with independent
 * implementations that number them; eqs. 19-20, 22-24, 26 and 28 are from memory, not verified against the paper's
 * text. All constants are checked numerically against CCL's benchmark (within 1e-4, CclBenchmarkTest).
 */
public final class EisensteinHu {
    private final double h;
    private final double omh2;
    private final double fb;
    private final double fc;
    private final double theta;
    // wiggle form
    private final double kEq;
    private final double soundHorizon;
    private final double kSilk;
    private final double alphaC;
    private final double betaC;
    private final double alphaB;
    private final double betaB;
    private final double betaNode;
    // no-wiggle form
    private final double alphaGamma;
    private final double soundHorizonFit;

    /**
     * @param omegaM Omega_m today (CDM + baryons)
     * @param omegaB Omega_b today
     * @param h H0 / (100 km/s/Mpc)
     * @param tCmb CMB temperature in K
     */
    public EisensteinHu(double omegaM, double omegaB, double h, double tCmb) {
        this.h = h;
        this.omh2 = omegaM * h * h;
        double obh2 = omegaB * h * h;
        this.fb = omegaB / omegaM;
        this.fc = 1 - fb;
        this.theta = tCmb / 2.7;
        double theta4 = Math.pow(theta, 4);

        double zEq = 2.50e4 * omh2 / theta4; // eq. 2
        kEq = 7.46e-2 * omh2 / (theta * theta); // eq. 3, 1/Mpc
        double b1 = 0.313 * Math.pow(omh2, -0.419) * (1 + 0.607 * Math.pow(omh2, 0.674)); // eq. 4
        double b2 = 0.238 * Math.pow(omh2, 0.223);
        double zD = 1291 * Math.pow(omh2, 0.251) / (1 + 0.659 * Math.pow(omh2, 0.828)) * (1 + b1 * Math.pow(obh2, b2));
        // eq. 5, R proportional to the scale factor: R(z) = 31.5 obh2 theta^-4 (10^3 / (1 + z)). Eq. 2's z_eq is the
        // matter/radiation density ratio, i.e. 1 + z_eq; both readings are those of the authors' code (tf_fit.c)
        double rD = 31.5 * obh2 / theta4 * (1000 / (1 + zD));
        double rEq = 31.5 * obh2 / theta4 * (1000 / zEq);
        soundHorizon = 2 / (3 * kEq) * Math.sqrt(6 / rEq)
                * Math.log((Math.sqrt(1 + rD) + Math.sqrt(rD + rEq)) / (1 + Math.sqrt(rEq))); // eq. 6, Mpc
        kSilk = 1.6 * Math.pow(obh2, 0.52) * Math.pow(omh2, 0.73) * (1 + Math.pow(10.4 * omh2, -0.95)); // eq. 7
        double a1 = Math.pow(46.9 * omh2, 0.670) * (1 + Math.pow(32.1 * omh2, -0.532)); // eq. 11
        double a2 = Math.pow(12.0 * omh2, 0.424) * (1 + Math.pow(45.0 * omh2, -0.582));
        alphaC = Math.pow(a1, -fb) * Math.pow(a2, -fb * fb * fb);
        double bb1 = 0.944 / (1 + Math.pow(458 * omh2, -0.708)); // eq. 12
        double bb2 = Math.pow(0.395 * omh2, -0.0266);
        betaC = 1 / (1 + bb1 * (Math.pow(fc, bb2) - 1));
        double y = zEq / (1 + zD); // eq. 15's (1 + z_eq)/(1 + z_d), with z_eq of eq. 2 read as 1 + z_eq
        double sq = Math.sqrt(1 + y);
        double g = y * (-6 * sq + (2 + 3 * y) * Math.log((sq + 1) / (sq - 1))); // eq. 15
        alphaB = 2.07 * kEq * soundHorizon * Math.pow(1 + rD, -0.75) * g; // eq. 14
        betaB = 0.5 + fb + (3 - 2 * fb) * Math.sqrt(Math.pow(17.2 * omh2, 2) + 1); // eq. 24
        betaNode = 8.41 * Math.pow(omh2, 0.435); // eq. 23

        alphaGamma = 1 - 0.328 * Math.log(431 * omh2) * fb + 0.38 * Math.log(22.3 * omh2) * fb * fb; // eq. 31
        soundHorizonFit = 44.5 * Math.log(9.83 / omh2) / Math.sqrt(1 + 10 * Math.pow(obh2, 0.75)); // eq. 26, Mpc
    }

    public static EisensteinHu of(Background background, double tCmb) {
        return new EisensteinHu(background.omegaM(), background.omegaB(), background.h(), tCmb);
    }

    /** Sound horizon at the drag epoch, EH98 eq. 6, in Mpc. */
    public double soundHorizon() {
        return soundHorizon;
    }

    /** The full transfer function with baryon oscillations, T = f_b T_b + f_c T_c (EH98 eq. 16). */
    public double transfer(double k) {
        double q = k / (13.41 * kEq); // eq. 10
        double ks = k * soundHorizon;
        double f = 1 / (1 + Math.pow(ks / 5.4, 4)); // eq. 18
        double tc = f * t0(q, 1, betaC) + (1 - f) * t0(q, alphaC, betaC); // eq. 17
        double sTilde = soundHorizon / Math.cbrt(1 + Math.pow(betaNode / ks, 3)); // eq. 22
        double x = k * sTilde;
        double j0 = x < 1e-6 ? 1 - x * x / 6 : Math.sin(x) / x;
        double tb = (t0(q, 1, 1) / (1 + Math.pow(ks / 5.2, 2))
                + alphaB / (1 + Math.pow(betaB / ks, 3)) * Math.exp(-Math.pow(k / kSilk, 1.4))) * j0; // eq. 21
        return fb * tb + fc * tc;
    }

    /** The no-wiggle transfer function T_0(q) with the effective shape Gamma_eff (EH98 eqs. 28-31). */
    public double transferNoWiggle(double k) {
        double ks = 0.43 * k * soundHorizonFit;
        double gammaEff = omh2 / h * (alphaGamma + (1 - alphaGamma) / (1 + ks * ks * ks * ks)); // eq. 30 (Omega_m h)
        double q = k / h * theta * theta / gammaEff; // eq. 28
        double l0 = Math.log(2 * Math.E + 1.8 * q); // eq. 29
        double c0 = 14.2 + 731 / (1 + 62.5 * q);
        return l0 / (l0 + c0 * q * q);
    }

    /** EH98 eqs. 19-20: T~_0(k, alpha_c, beta_c). */
    private static double t0(double q, double alpha, double beta) {
        double l = Math.log(Math.E + 1.8 * beta * q);
        double c = 14.2 / alpha + 386 / (1 + 69.9 * Math.pow(q, 1.08));
        return l / (l + c * q * q);
    }
}
