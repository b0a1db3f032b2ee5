package io.emuflow.halos;

import io.emuflow.cosmology.HeathGrowth;

/**
 * Growth of matter perturbations in a flat LambdaCDM universe without radiation (as N-body codes assume), lengths in
 * Mpc/h and time in units of 1/H0 (velocities in units of 100 km/s).
 *
 * <p>First order: the closed form of the cosmology package ({@link HeathGrowth}, Heath 1977), normalised to
 * D(1) = 1, the normalisation of the z = 0 linear field the initial conditions are drawn from.
 *
 * <p>Second order (2LPT): D2(a) = -(3/7) D(a)^2 Omega_m(a)^(-1/143) and its growth rate f2 = 2 Omega_m(a)^(6/11)
 * (fits of Bouchet, Colombi, Hivon &amp; Juszkiewicz 1995, A&amp;A 296, 575, sect. 4, equation numbers not verified;
 * used in this form by Scoccimarro 1998, MNRAS 299, 1097, and Crocce, Pueblas &amp; Scoccimarro 2006, MNRAS 373, 369). The fits are accurate to better than 1% for 0.1 &lt; Omega_m(a) &lt; 1 (Bouchet et al. 1995).
 */
public final class LcdmGrowth {
    private final HeathGrowth first;

    public LcdmGrowth(double omegaM) {
        this.first = new HeathGrowth(omegaM);
    }

    public double omegaM() {
        return first.omegaM();
    }

    /** E(a) = H(a)/H0. */
    public double e(double a) {
        return first.e(a);
    }

    /** Omega_m(a) = Omega_m a^-3 / E(a)^2. */
    public double omegaMAt(double a) {
        return first.omegaMAt(a);
    }

    /** D(a) / D(1). */
    public double d1(double a) {
        return first.d(a);
    }

    /** dD/da (with D(1) = 1). */
    public double d1Prime(double a) {
        return first.dPrime(a);
    }

    /** f = d ln D / d ln a. */
    public double f1(double a) {
        return first.f(a);
    }

    /** Second-order growth D2(a) = -(3/7) D^2 Omega_m(a)^(-1/143) (Bouchet et al. 1995). */
    public double d2(double a) {
        double d = d1(a);
        return -3.0 / 7.0 * d * d * Math.pow(omegaMAt(a), -1.0 / 143.0);
    }

    /** f2 = d ln D2 / d ln a = 2 Omega_m(a)^(6/11) (Bouchet et al. 1995). */
    public double f2(double a) {
        return 2 * Math.pow(omegaMAt(a), 6.0 / 11.0);
    }

    /**
     * G_p(a) = a^3 E(a) dD/da: the momentum p = a^2 dx/dt (t in 1/H0) of a particle on the linear growing mode is
     * G_p(a) times its displacement per unit D (Feng et al. 2016, FastPM, MNRAS 463, 2273, sect. 2.2).
     */
    public double gp(double a) {
        return a * a * a * e(a) * d1Prime(a);
    }

    /**
     * G_f(a) = a E(a) dG_p/da = (3/2) Omega_m D(a) / a: the force -grad Phi on the linear growing mode per unit
     * displacement (from the growth equation d(a^3 E D')/da = (3/2) Omega_m D / (a^2 E)).
     */
    public double gf(double a) {
        return 1.5 * first.omegaM() * d1(a) / a;
    }
}
