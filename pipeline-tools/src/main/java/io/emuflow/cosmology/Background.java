package io.emuflow.cosmology;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;

/**
 * Homogeneous expansion of a universe of matter (CDM + baryons), radiation (photons and massless neutrinos),
 * curvature and w0wa dark energy. E(a) = H(a)/H0 from the Friedmann equation
 * E^2 = Omega_r a^-4 + Omega_m a^-3 + Omega_k a^-2 + Omega_de f(a) (Hogg 1999, astro-ph/9905116, eq. 14, there
 * without radiation and with w = -1), with the Chevallier & Polarski 2001 (IJMPD 10, 213) / Linder 2003 (PRL 90,
 * 091301, eq. 2) equation of state w(a) = w0 + wa (1 - a). Its energy density follows from the continuity equation
 * d ln rho / d ln a = -3 (1 + w(a)), which integrates to f(a) = a^(-3 (1 + w0 + wa)) exp(-3 wa (1 - a)).
 * Equation numbers of Hogg 1999 and Linder 2003 are from memory, not verified against the papers' text
 * (see the Sources list in docs/accuracy.md).
 */
public final class Background {
    /** CMB temperature today in K (Fixsen 2009, ApJ 707, 916), as in the CLASS reference runs. */
    public static final double T_CMB = 2.7255;
    /** Effective number of massless neutrinos, as in the CLASS reference runs (N_ur = 3.046). */
    public static final double N_EFF = 3.046;
    /** Speed of light in km/s. */
    public static final double C_KM_S = 299792.458;

    private final double h;
    private final double omegaM;
    private final double omegaB;
    private final double omegaR;
    private final double omegaK;
    private final double omegaDe;
    private final double w0;
    private final double wa;

    /**
     * @param h H0 / (100 km/s/Mpc)
     * @param omegaM Omega_m today (clustering matter: CDM + baryons)
     * @param omegaB Omega_b today (part of omegaM; used by transfer functions)
     * @param omegaR Omega_r today (photons + massless neutrinos)
     * @param omegaK Omega_k today; Omega_de follows from closure
     */
    public Background(double h, double omegaM, double omegaB, double omegaR, double omegaK, double w0, double wa) {
        this.h = h;
        this.omegaM = omegaM;
        this.omegaB = omegaB;
        this.omegaR = omegaR;
        this.omegaK = omegaK;
        this.omegaDe = 1 - omegaM - omegaR - omegaK;
        this.w0 = w0;
        this.wa = wa;
    }

    /** The background of a parameter set, with photons at {@link #T_CMB} and {@link #N_EFF} massless neutrinos. */
    public static Background of(CosmologyParams p) {
        double h = p.h();
        return new Background(h, p.omegaMatter(), p.omegaB() / (h * h), radiationDensity(T_CMB, N_EFF) / (h * h), p.omegaK(), p.w0(), p.wa());
    }

    /**
     * Omega_r h^2 of photons at temperature tCmb plus nEff massless neutrinos. Photons: black-body energy density
     * rho_gamma = (pi^2/15) (k_B T)^4 / (hbar c)^3 (Stefan-Boltzmann law). Neutrinos: per species 7/8 (fermions) times
     * (T_nu/T)^4 with T_nu/T = (4/11)^(1/3) after e+e- annihilation, so rho_nu = nEff (7/8) (4/11)^(4/3) rho_gamma
     * (textbook results, e.g. Dodelson & Schmidt 2020, Modern Cosmology, ch. 2; no equation number verified).
     * Omega = rho / rho_crit with rho_crit c^2 = 3 H^2 c^2 / (8 pi G) at H = 100 km/s/Mpc.
     * Checked against the independent figure Omega_gamma h^2 = 2.4728e-5 at 2.7255 K in BackgroundTest.
     */
    public static double radiationDensity(double tCmb, double nEff) {
        double kB = 1.380649e-23;
        double hbar = 1.054571817e-34;
        double c = 299792458.0;
        double gravity = 6.67430e-11;
        double mpc = 3.0856775814913673e22;
        double energyDensity = Math.PI * Math.PI / 15 * Math.pow(kB * tCmb, 4) / Math.pow(hbar * c, 3);
        double h100 = 1e5 / mpc;
        double criticalEnergyDensity = 3 * h100 * h100 * c * c / (8 * Math.PI * gravity);
        double photons = energyDensity / criticalEnergyDensity;
        return photons * (1 + nEff * 7.0 / 8.0 * Math.pow(4.0 / 11.0, 4.0 / 3.0));
    }

    public double h() {
        return h;
    }

    public double omegaM() {
        return omegaM;
    }

    public double omegaB() {
        return omegaB;
    }

    public double omegaR() {
        return omegaR;
    }

    public double omegaK() {
        return omegaK;
    }

    public double omegaDe() {
        return omegaDe;
    }

    /** Dark-energy equation of state w(a) = w0 + wa (1 - a). */
    public double w(double a) {
        return w0 + wa * (1 - a);
    }

    /** rho_de(a) / rho_de(today) for w(a) = w0 + wa (1 - a): the continuity equation integrated (see the class comment). */
    public double darkEnergyScaling(double a) {
        return Math.exp(-3 * (1 + w0 + wa) * Math.log(a) - 3 * wa * (1 - a));
    }

    /** E^2(a) = (H/H0)^2 (Friedmann equation, see the class comment). */
    public double e2(double a) {
        double a2 = a * a;
        return omegaR / (a2 * a2) + omegaM / (a2 * a) + omegaK / a2 + omegaDe * darkEnergyScaling(a);
    }

    public double e(double a) {
        return Math.sqrt(e2(a));
    }

    /** d ln E / d ln a, from differentiating {@link #e2} term by term. */
    public double dlnEdlna(double a) {
        double a2 = a * a;
        double derivative = -4 * omegaR / (a2 * a2) - 3 * omegaM / (a2 * a) - 2 * omegaK / a2
                - 3 * (1 + w(a)) * omegaDe * darkEnergyScaling(a);
        return derivative / (2 * e2(a));
    }

    /** Omega_m(a) = Omega_m a^-3 / E^2(a). */
    public double omegaM(double a) {
        return omegaM / (a * a * a * e2(a));
    }

    /** Omega_de(a) = Omega_de f(a) / E^2(a). */
    public double omegaDe(double a) {
        return omegaDe * darkEnergyScaling(a) / e2(a);
    }

    /** Hubble distance c / H0 in Mpc. */
    public double hubbleDistance() {
        return C_KM_S / (100 * h);
    }

    /** Line-of-sight comoving distance chi(z) = (c/H0) int_0^z dz'/E(z') in Mpc (Hogg 1999, eq. 15; number from memory). */
    public double comovingDistance(double z) {
        if (z == 0) {
            return 0;
        }
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(8, 1e-10, 1e-12);
        return hubbleDistance() * integrator.integrate(10_000, zz -> 1 / e(1 / (1 + zz)), 0, z);
    }

    /** Transverse comoving distance (Hogg 1999, eq. 16; number from memory): differs from chi(z) only in curved universes. */
    public double transverseComovingDistance(double z) {
        double chi = comovingDistance(z);
        if (omegaK == 0) {
            return chi;
        }
        double dh = hubbleDistance();
        double s = Math.sqrt(Math.abs(omegaK));
        return omegaK > 0 ? dh / s * Math.sinh(s * chi / dh) : dh / s * Math.sin(s * chi / dh);
    }
}
