package io.emuflow.halomodel;

import java.util.Locale;

/**
 * Halo mass functions in the universal form dn/dln M = f(sigma) (rho_m / M) |d ln sigma / d ln M|
 * (Jenkins et al. 2001, MNRAS 321, 372, eq. 3; Tinker et al. 2008 eq. 2), sigma = sigma(M, z). Each model gives
 * the multiplicity f(sigma) at one {@link Epoch}.
 */
public enum MassFunctionModel {
    /**
     * Sheth &amp; Tormen 1999 (MNRAS 308, 119, eq. 10): nu f = A (1 + (a nu^2)^-p) sqrt(a nu^2 / (2 pi)) exp(-a nu^2 / 2)
     * times 2, i.e. f(sigma) = A sqrt(2a/pi) nu (1 + (a nu^2)^-p) exp(-a nu^2/2), nu = delta_c / sigma, with
     * A = 0.3222, a = 0.707, p = 0.3; delta_c from the epoch.
     */
    SHETH_TORMEN("sheth-tormen"),
    /**
     * Tinker et al. 2008 (ApJ 688, 709): f = A ((sigma/b)^-a + 1) exp(-c/sigma^2) (eq. 3), A, a, b, c of Table 2
     * interpolated linearly in log10 Delta_m, with redshift evolution A (1+z)^-0.14, a (1+z)^-0.06,
     * b (1+z)^-alpha, log10 alpha = -(0.75 / log10(Delta_m / 75))^1.2 (eqs. 5-8).
     */
    TINKER08("tinker08"),
    /**
     * Watson et al. 2013 (MNRAS 433, 1230). FoF masses: f = A ((beta/sigma)^alpha + 1) exp(-gamma/sigma^2) with
     * A = 0.282, alpha = 2.163, beta = 1.406, gamma = 1.210 (eq. 12). SO masses: the same form with the
     * Omega_m(z)-dependent AHF parameters (eqs. 14-18 with the z = 0 and z &gt; 6 values of the text) times the
     * Delta correction Gamma = C(Delta) (Delta/178)^d(z) exp(p (1 - Delta/178) / sigma^q) (eqs. 15-17). Equation
     * numbers are from memory, not verified against the paper's text.
     */
    WATSON13("watson13"),
    /**
     * Bhattacharya et al. 2011 (ApJ 732, 122, eq. 12 with Table 4's FoF fit): f = A sqrt(2/pi) exp(-a nu^2/2)
     * (1 + (a nu^2)^-p) (nu sqrt(a))^q, nu = delta_c/sigma, A = 0.333 (1+z)^-0.11, a = 0.788 (1+z)^-0.01,
     * p = 0.807, q = 1.795, delta_c = 1.686.
     */
    BHATTACHARYA11("bhattacharya11");

    private static final double[] TINKER_LOG_DELTA = log10(200, 300, 400, 600, 800, 1200, 1600, 2400, 3200);
    private static final double[] TINKER_A = {0.186, 0.200, 0.212, 0.218, 0.248, 0.255, 0.260, 0.260, 0.260};
    private static final double[] TINKER_LOWER_A = {1.47, 1.52, 1.56, 1.61, 1.87, 2.13, 2.30, 2.53, 2.66};
    private static final double[] TINKER_B = {2.57, 2.25, 2.05, 1.87, 1.59, 1.51, 1.46, 1.44, 1.41};
    private static final double[] TINKER_C = {1.19, 1.27, 1.34, 1.45, 1.58, 1.80, 1.97, 2.24, 2.44};

    private final String label;

    MassFunctionModel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static MassFunctionModel parse(String name) {
        for (MassFunctionModel m : values()) {
            if (m.label.equals(name.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("mass function '" + name + "' is unknown (sheth-tormen, tinker08, watson13, bhattacharya11)");
    }

    /** The multiplicity f(sigma) at {@code epoch}; {@code fof} says whether masses are friends-of-friends masses. */
    public double multiplicity(double sigma, Epoch epoch, boolean fof) {
        switch (this) {
            case SHETH_TORMEN: {
                double nu = epoch.deltaC() / sigma;
                double anu2 = 0.707 * nu * nu;
                return 0.3222 * Math.sqrt(2 * 0.707 / Math.PI) * nu * (1 + Math.pow(anu2, -0.3)) * Math.exp(-anu2 / 2);
            }
            case TINKER08: {
                double ld = Math.log10(epoch.deltaMean());
                if (ld < TINKER_LOG_DELTA[0] - 1e-12 || ld > TINKER_LOG_DELTA[TINKER_LOG_DELTA.length - 1] + 1e-12) {
                    throw new IllegalArgumentException("Tinker et al. 2008 is calibrated for 200 <= Delta_m <= 3200, got " + epoch.deltaMean());
                }
                double opz = 1 + epoch.z();
                double bigA = interpolate(TINKER_A, ld) * Math.pow(opz, -0.14);
                double a = interpolate(TINKER_LOWER_A, ld) * Math.pow(opz, -0.06);
                double alpha = Math.pow(10, -Math.pow(0.75 / (ld - Math.log10(75)), 1.2));
                double b = interpolate(TINKER_B, ld) * Math.pow(opz, -alpha);
                double c = interpolate(TINKER_C, ld);
                return bigA * (Math.pow(sigma / b, -a) + 1) * Math.exp(-c / (sigma * sigma));
            }
            case WATSON13:
                return fof ? watsonFof(sigma) : watsonSo(sigma, epoch);
            case BHATTACHARYA11: {
                double opz = 1 + epoch.z();
                double nu = 1.686 / sigma;
                double a = 0.788 * Math.pow(opz, -0.01);
                double anu2 = a * nu * nu;
                return 0.333 * Math.pow(opz, -0.11) * Math.sqrt(2 / Math.PI) * Math.exp(-anu2 / 2) * (1 + Math.pow(anu2, -0.807))
                        * Math.pow(nu * Math.sqrt(a), 1.795);
            }
            default:
                throw new AssertionError(this);
        }
    }

    private static double watsonFof(double sigma) {
        return 0.282 * (Math.pow(1.406 / sigma, 2.163) + 1) * Math.exp(-1.210 / (sigma * sigma));
    }

    private static double watsonSo(double sigma, Epoch epoch) {
        double om = epoch.omegaMz();
        double a = 1 / (1 + epoch.z());
        double bigA;
        double alpha;
        double beta;
        double gamma;
        if (epoch.z() == 0) {
            bigA = 0.194;
            alpha = 1.805;
            beta = 2.267;
            gamma = 1.287;
        } else if (epoch.z() > 6) {
            bigA = 0.563;
            alpha = 3.810;
            beta = 0.874;
            gamma = 1.453;
        } else {
            bigA = om * (1.097 * Math.pow(a, 3.216) + 0.074);
            alpha = om * (5.907 * Math.pow(a, 3.058) + 2.349);
            beta = om * (3.136 * Math.pow(a, 3.599) + 2.344);
            gamma = 1.318;
        }
        double f178 = bigA * (Math.pow(beta / sigma, alpha) + 1) * Math.exp(-gamma / (sigma * sigma));
        double ratio = epoch.deltaMean() / 178;
        double c = Math.exp(0.023 * (ratio - 1));
        double d = -0.456 * om - 0.139;
        return f178 * c * Math.pow(ratio, d) * Math.exp(0.072 * (1 - ratio) / Math.pow(sigma, 2.130));
    }

    private static double interpolate(double[] values, double logDelta) {
        int i = 0;
        while (i < TINKER_LOG_DELTA.length - 2 && logDelta > TINKER_LOG_DELTA[i + 1]) {
            i++;
        }
        double t = (logDelta - TINKER_LOG_DELTA[i]) / (TINKER_LOG_DELTA[i + 1] - TINKER_LOG_DELTA[i]);
        return values[i] + t * (values[i + 1] - values[i]);
    }

    private static double[] log10(double... values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.log10(values[i]);
        }
        return out;
    }
}
