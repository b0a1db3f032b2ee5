package io.emuflow.reionization;

import io.emuflow.cosmology.CarrollPressTurnerGrowth;
import io.emuflow.cosmology.EisensteinHu1999;
import io.emuflow.cosmology.Sigma8Power;
import io.emuflow.fields.KSpace;

/**
 * The flat Lambda-CDM background the 21-cm simulator needs, with 21cmFAST's constants (its COSMOLOGY.H): a
 * radiation density Omega_r = 8.6e-5 in the expansion rate, Omega_Lambda = 1 - Omega_m, T_CMB = 2.728 K, and the
 * critical density from H0 = h 3.2407e-18 /s, G = 6.67259e-8 cgs, M_sun = 1.989e33 g, 1 Mpc = 3.086e24 cm.
 * The forms 21cmFAST uses come from package {@code cosmology} as named alternatives: the growth factor of Carroll,
 * Press &amp; Turner ({@link #growth}) and the Eisenstein &amp; Hu 1999 spectrum normalised by sigma8 ({@link
 * #linearPower}); these constants are what stays particular to the 21-cm simulator.
 */
public record ReionCosmology(double h, double omegaM, double omegaB, double sigma8, double ns) {
    public static final double OMEGA_R = 8.6e-5;
    public static final double T_CMB = 2.728;
    private static final double G_CGS = 6.67259e-8;
    private static final double M_SUN_G = 1.989e33;
    private static final double CM_PER_MPC = 3.086e24;
    private static final double H0_PER_S_PER_H = 3.2407e-18;

    public ReionCosmology {
        require(h > 0.2 && h < 1.5, "h must lie in (0.2, 1.5), got " + h);
        require(omegaM > 0.05 && omegaM < 1, "Omega_m must lie in (0.05, 1), got " + omegaM);
        require(omegaB > 0 && omegaB < omegaM, "Omega_b must lie in (0, Omega_m), got " + omegaB);
        require(sigma8 > 0.1 && sigma8 < 2, "sigma8 must lie in (0.1, 2), got " + sigma8);
        require(ns > 0.5 && ns < 1.5, "n_s must lie in (0.5, 1.5), got " + ns);
    }

    /** 21cmFAST's defaults (v3), the cosmology of the reference figures. */
    public static ReionCosmology fiducial() {
        return new ReionCosmology(0.6766, 0.30964144, 0.04897468, 0.8102, 0.9665);
    }

    public double omegaLambda() {
        return 1 - omegaM;
    }

    /** Critical density today in M_sun / Mpc^3. */
    public double rhoCrit() {
        double h0 = h * H0_PER_S_PER_H;
        return 3 * h0 * h0 / (8 * Math.PI * G_CGS) * CM_PER_MPC * CM_PER_MPC * CM_PER_MPC / M_SUN_G;
    }

    /** Mean comoving matter density in M_sun / Mpc^3. */
    public double rhoMatter() {
        return omegaM * rhoCrit();
    }

    /** Omega_m(z) = Omega_m (1+z)^3 / (E(z)^2), with radiation in E(z) (as {@link #growth} uses it). */
    public double omegaMatterAt(double z) {
        return growth().omegaMatterAt(z);
    }

    /** 21cmFAST's growth factor (its dicke()): the Carroll-Press-Turner fitting formula with Omega_r in E(z). */
    public CarrollPressTurnerGrowth growth() {
        return new CarrollPressTurnerGrowth(omegaM, OMEGA_R);
    }

    /**
     * 21cmFAST's default linear spectrum at z = 0 (POWER_SPECTRUM = 0): Eisenstein &amp; Hu 1999 at T_CMB = 2.728 K,
     * normalised to sigma8 with the top-hat window of {@link KSpace#topHatWindow}.
     */
    public Sigma8Power linearPower() {
        return new Sigma8Power(new EisensteinHu1999(omegaM, omegaB, h, T_CMB)::transfer, ns, sigma8, h, KSpace::topHatWindow);
    }

    /** Mass (M_sun) in a top-hat sphere of radius R (Mpc) at the mean matter density. */
    public double massOfRadius(double radius) {
        return 4.0 / 3.0 * Math.PI * radius * radius * radius * rhoMatter();
    }

    /** Radius (Mpc) of the top-hat sphere holding mass M (M_sun) at the mean matter density. */
    public double radiusOfMass(double mass) {
        return Math.cbrt(mass / (4.0 / 3.0 * Math.PI * rhoMatter()));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
