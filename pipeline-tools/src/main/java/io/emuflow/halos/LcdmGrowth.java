package io.emuflow.halos;

/**
 * Growth of matter perturbations in a flat LambdaCDM universe without radiation (as N-body codes assume), lengths in
 * Mpc/h and time in units of 1/H0 (velocities in units of 100 km/s).
 *
 * <p>First order: the growing mode of the linear growth equation has the closed form (Heath 1977, MNRAS 179, 351;
 * Peebles 1980, The Large-Scale Structure of the Universe, sect. 11; equation numbers not verified) D(a) = (5 Omega_m / 2) E(a) int_0^a da' / (a' E(a'))^3 with
 * E(a)^2 = Omega_m a^-3 + Omega_L; it tends to a in the matter era. Here D is normalised to D(1) = 1, the
 * normalisation of the z = 0 linear field the initial conditions are drawn from.
 *
 * <p>Second order (2LPT): D2(a) = -(3/7) D(a)^2 Omega_m(a)^(-1/143) and its growth rate f2 = 2 Omega_m(a)^(6/11)
 * (fits of Bouchet, Colombi, Hivon &amp; Juszkiewicz 1995, A&amp;A 296, 575, sect. 4, equation numbers not verified;
 * used in this form by Scoccimarro 1998, MNRAS 299, 1097, and Crocce, Pueblas &amp; Scoccimarro 2006, MNRAS 373, 369). The fits are accurate to better than 1% for 0.1 &lt; Omega_m(a) &lt; 1 (Bouchet et al. 1995).
 */
public final class LcdmGrowth {
    private static final int STEPS = 2048;
    private final double omegaM;
    private final double omegaL;
    private final double normalisedBy;

    public LcdmGrowth(double omegaM) {
        if (!(omegaM > 0.01 && omegaM <= 1)) {
            throw new IllegalArgumentException("Omega_m must lie in (0.01, 1], got " + omegaM);
        }
        this.omegaM = omegaM;
        this.omegaL = 1 - omegaM;
        this.normalisedBy = unnormalised(1);
    }

    public double omegaM() {
        return omegaM;
    }

    /** E(a) = H(a)/H0. */
    public double e(double a) {
        return Math.sqrt(omegaM / (a * a * a) + omegaL);
    }

    /** Omega_m(a) = Omega_m a^-3 / E(a)^2. */
    public double omegaMAt(double a) {
        double e = e(a);
        return omegaM / (a * a * a * e * e);
    }

    // int_0^a da' (a' E(a'))^-3 by Simpson's rule; the integrand (Omega_m/a + Omega_L a^2)^(-3/2) is smooth at 0
    private double integral(double a) {
        double h = a / STEPS;
        double sum = 0;
        for (int i = 0; i <= STEPS; i++) {
            double x = i * h;
            double f = x == 0 ? 0 : Math.pow(omegaM / x + omegaL * x * x, -1.5);
            sum += f * (i == 0 || i == STEPS ? 1 : (i % 2 == 1 ? 4 : 2));
        }
        return sum * h / 3;
    }

    private double unnormalised(double a) {
        return 2.5 * omegaM * e(a) * integral(a);
    }

    /** D(a) / D(1). */
    public double d1(double a) {
        return unnormalised(a) / normalisedBy;
    }

    /**
     * dD/da (with D(1) = 1), from differentiating the closed form: (5 Omega_m/2) [E'(a) I(a) + E(a) / (a E(a))^3],
     * E'(a) = -(3/2) Omega_m a^-4 / E(a).
     */
    public double d1Prime(double a) {
        double e = e(a);
        double ePrime = -1.5 * omegaM / (a * a * a * a * e);
        double ae = a * e;
        return 2.5 * omegaM * (ePrime * integral(a) + e / (ae * ae * ae)) / normalisedBy;
    }

    /** f = d ln D / d ln a. */
    public double f1(double a) {
        return a * d1Prime(a) / d1(a);
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
        return 1.5 * omegaM * d1(a) / a;
    }
}
