package io.emuflow.cosmology;

/**
 * Normalisation of the linear matter power spectrum by the primordial curvature amplitude A_s.
 * Derivation (textbook linear theory, no single equation number): the comoving-gauge density contrast obeys the
 * Poisson equation k^2 Phi = (3/2) Omega_m H0^2 delta / a, and in the matter era Phi = (3/5) zeta T(k) D(a)/a (the
 * 3/5 of the matter-era potential), so delta = (2/5) (k/H0)^2 zeta T(k) D(a)/Omega_m with D -> a in the matter era.
 * Hence Delta^2(k, z) = (4/25) A_s (k/k_p)^(n_s - 1) (k c/H0)^4 T^2(k) (D(z)/Omega_m)^2.
 * This is the normalisation of Eisenstein & Hu 1999 (ApJ 511, 5, astro-ph/9710252; their delta_H; equation number not
 * verified) and the one used for the Eisenstein & Hu baseline of Bartlett et al. 2024 and Sui et al. 2025 (checked in
 * the authors' public code, symbolic_pofk, not in the papers' text). sigma8 from A_s agrees with CLASS to 0.03%
 * (ClassAccuracyTest), an independent check of the 4/25 and of the units.
 */
public final class Primordial {
    /** Pivot scale of A_s in 1/Mpc. */
    public static final double PIVOT_K = 0.05;

    private Primordial() {}

    /** Dimensionless primordial curvature power Delta^2_zeta(k) = A_s (k/k_p)^(n_s - 1). */
    public static double curvaturePower(double aS, double nS, double k) {
        return aS * Math.pow(k / PIVOT_K, nS - 1);
    }

    /**
     * P(k) in Mpc^3 for transfer function {@code transfer} and growth {@code growth} (D -> a in the matter era).
     *
     * @param hubbleDistance c/H0 in Mpc
     */
    public static double matterPower(double aS, double nS, double k, double transfer, double growth, double omegaM, double hubbleDistance) {
        double kd = k * hubbleDistance;
        double factor = 0.4 * kd * kd * growth / omegaM * transfer;
        return 2 * Math.PI * Math.PI / (k * k * k) * curvaturePower(aS, nS, k) * factor * factor;
    }
}
