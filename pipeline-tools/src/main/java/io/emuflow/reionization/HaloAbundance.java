package io.emuflow.reionization;

import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

/**
 * Collapsed-mass fractions for the excursion set, with 21cmFAST's constants.
 *
 * <ul>
 *   <li>Mean fraction of mass in halos above M (Sheth &amp; Tormen 1999; Sheth, Mo &amp; Tormen 2001) with the
 *       parameters 21cmFAST takes from Jenkins et al. 2001 via Barkana &amp; Loeb 2001 (a = 0.73, p = 0.175,
 *       A = 0.353): F(&gt;M) = A sqrt(2/pi) int_{nu}^inf (1 + nu'^(-2p)) exp(-nu'^2/2) dnu', nu = sqrt(a) delta_c /
 *       (sigma(M) D(z)), done in closed form with the error function and the upper incomplete gamma function.</li>
 *   <li>Conditional Press-Schechter fraction in a region of linear overdensity delta and mass scale sigma_R
 *       (Lacey &amp; Cole 1993; Mesinger &amp; Furlanetto 2007, eq. 1): erfc[(delta_c - delta) / (sqrt(2) D
 *       sqrt(sigma_min^2 - sigma_R^2))], evaluated through a table of erfc.</li>
 *   <li>Minimum halo mass of a virial temperature (Barkana &amp; Loeb 2001, eq. 26), with the overdensity of
 *       Bryan &amp; Norman 1998 (18 pi^2 + 82 d - 39 d^2, d = Omega_m(z) - 1).</li>
 * </ul>
 */
public final class HaloAbundance {
    /** 21cmFAST's collapse threshold (Deltac in its Constants.h). */
    public static final double DELTA_C = 1.68;
    static final double SHETH_A_SMALL = 0.73;
    static final double SHETH_P = 0.175;
    static final double SHETH_A = 0.353;

    private static final double ERFC_MIN = -6;
    private static final double ERFC_MAX = 10;
    private static final double ERFC_STEP = 1e-4;
    private static final double[] ERFC_TABLE = erfcTable();

    private HaloAbundance() {}

    /** Sheth-Tormen mean collapsed fraction above the mass whose z = 0 top-hat sigma is {@code sigma0}. */
    public static double shethTormenFraction(double sigma0, double growth) {
        double nu = Math.sqrt(SHETH_A_SMALL) * DELTA_C / (sigma0 * growth);
        double gaussian = Math.sqrt(Math.PI / 2) * Erf.erfc(nu / Math.sqrt(2));
        double s = 0.5 - SHETH_P;
        // int_nu^inf x^(-2p) e^(-x^2/2) dx = 2^(-p-1/2) Gamma(1/2 - p, nu^2/2)
        double powerLaw = Math.pow(2, -SHETH_P - 0.5) * Math.exp(Gamma.logGamma(s)) * Gamma.regularizedGammaQ(s, nu * nu / 2);
        return SHETH_A * Math.sqrt(2 / Math.PI) * (gaussian + powerLaw);
    }

    /**
     * erfc(x), linearly interpolated in a table for -6 &lt;= x &lt;= 10 (absolute error below 1e-8), exact
     * outside it.
     */
    public static double erfc(double x) {
        if (x <= ERFC_MIN) {
            return x == Double.NEGATIVE_INFINITY ? 2 : Erf.erfc(x);
        }
        if (x >= ERFC_MAX) {
            return Erf.erfc(x);
        }
        double position = (x - ERFC_MIN) / ERFC_STEP;
        int i = (int) position;
        double f = position - i;
        return ERFC_TABLE[i] + f * (ERFC_TABLE[i + 1] - ERFC_TABLE[i]);
    }

    private static double[] erfcTable() {
        int size = (int) Math.round((ERFC_MAX - ERFC_MIN) / ERFC_STEP) + 2;
        double[] table = new double[size];
        for (int i = 0; i < size; i++) {
            table[i] = Erf.erfc(ERFC_MIN + i * ERFC_STEP);
        }
        return table;
    }

    /**
     * Minimum halo mass (M_sun) for a virial temperature {@code tVir} (K) at redshift z (Barkana &amp; Loeb 2001,
     * eq. 26, inverted): M = 10^8 h^-1 M_sun [T / (1.98e4 K) (0.6 / mu) 10 / (1+z)]^(3/2)
     * [Omega_m(z) 18 pi^2 / (Omega_m Delta_c(z))]^(1/2), with mu = 1.22 below 10^4 K (neutral gas) and 0.6 above
     * (ionized), as 21cmFAST chooses.
     */
    public static double minimumMass(ReionCosmology cosmology, double z, double tVir) {
        if (!(tVir > 0)) {
            throw new IllegalArgumentException("virial temperature must be positive, got " + tVir + " K");
        }
        double mu = tVir < 9.99999e3 ? 1.22 : 0.6;
        double omz = cosmology.omegaMatterAt(z);
        double d = omz - 1;
        double overdensity = 18 * Math.PI * Math.PI + 82 * d - 39 * d * d;
        double temperatureTerm = Math.pow(tVir / 1.98e4 * (0.6 / mu) * 10 / (1 + z), 1.5);
        return 1e8 / cosmology.h() * temperatureTerm * Math.sqrt(omz * 18 * Math.PI * Math.PI / (cosmology.omegaM() * overdensity));
    }
}
