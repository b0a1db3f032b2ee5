package io.emuflow.cosmology;

/**
 * Symbolic-regression corrections that bring the Eisenstein & Hu 1998 no-wiggle spectrum to Boltzmann-code accuracy.
 *
 * <ul>
 *   <li>F(k): the ratio of the true linear spectrum to the EH98 no-wiggle form (EH98 eqs. 26-31, which the authors call
 *       "zero-baryon"), Bartlett et al. 2024 (A&A 686, A209, arXiv:2311.15865), their fiducial expression for log F
 *       (coefficients b_0..b_36), fitted to CAMB at z = 0 with 0.2% RMS error for 9e-3 <= k <= 9 h/Mpc (abstract);
 *       k in h/Mpc. Used here at every k, as syren-new does.</li>
 *   <li>S: the correction to the present-day linear spectrum of Sui et al. 2025 (A&A 698, A1, arXiv:2410.14623,
 *       "syren-new"), fitted to CLASS (0.3% RMS for the linear spectrum, abstract); every k-dependent term is
 *       proportional to the neutrino mass, so with massless neutrinos S does not depend on k.</li>
 *   <li>D_approx: the approximate growth factor used by Sui et al. 2025 (massless-neutrino limit): Carroll, Press &
 *       Turner 1992 (ARA&A 30, 499) eq. 29 with Omega_Lambda replaced by w0wa dark energy and normalised so that
 *       D -> a early (both changes are Sui et al.'s), which their S and F multiply.</li>
 * </ul>
 *
 * <p>Verification: the papers' text beyond the abstracts could not be read here, so their equation numbers are not
 * given (not verified). The expressions and every coefficient were compared term by term with the authors' public
 * code (github.com/DeaglanBartlett/symbolic_pofk: linear.py logF_fiducial, linear_new.py log10_S and
 * get_approximate_D) and agree. "Eq. 29" of Carroll, Press & Turner is the number several independent codes give; the
 * paper itself was not read.
 */
public final class BoltzmannCorrection {
    private static final double[] B = {0.05448654, 0.00379, 0.0396711937097927, 0.127733431568858, 1.35,
        4.053543862744234, 0.0008084539054750851, 1.8852431049189666, 0.11418372931475675, 3.798, 14.909, 5.56,
        15.8274343004709, 0.0230755621512691, 0.86531976, 0.8425442636372944, 4.553956000000005, 5.116999999999995,
        70.0234239999998, 0.01107, 5.35, 6.421, 134.309, 5.324, 21.532, 4.741999999999985, 16.68722499999999, 3.078,
        16.987, 0.05881491, 0.0006864690561825617, 195.498, 0.0038454457516892, 0.276696018851544, 7.385,
        12.3960625361899, 0.0134114370723638};
    private static final double[] E = {0.2841, 0.1679, 0.0534, 0.0024, 0.1183, 0.3971, 0.0985, 0.0009, 0.1258,
        0.2476, 0.1841, 0.0316, 0.1385, 0.2825, 0.8098, 0.019, 0.1376, 0.3733};

    private BoltzmannCorrection() {}

    /** ln F(k) of Bartlett et al. 2024 (fiducial expression); k in h/Mpc, Omega_m and Omega_b today. */
    public static double logF(double k, double omegaM, double omegaB, double h) {
        double[] b = B;
        double line1 = b[0] * h - b[1];
        double line2 = Math.pow(omegaB * b[2] / Math.sqrt(h * h + b[3]), b[4] * omegaM)
                * ((b[5] * k - omegaB) / Math.sqrt(b[6] + Math.pow(omegaB - b[7] * k, 2)) * b[8] * Math.pow(b[9] * k, -b[10] * k)
                        * Math.cos(omegaM * b[11] - b[12] * k / Math.sqrt(b[13] + omegaB * omegaB))
                        - b[14] * (b[15] * k / Math.sqrt(1 + b[16] * k * k) - omegaM) * Math.cos(b[17] * h / Math.sqrt(1 + b[18] * k * k)));
        double line3 = b[19] * (b[20] * omegaM + b[21] * h - Math.log(b[22] * k) + Math.pow(b[23] * k, -b[24] * k))
                * Math.cos(b[25] / Math.sqrt(1 + b[26] * k * k));
        double line4 = Math.pow(b[27] * k, -b[28] * k) * (b[29] * k - b[30] * Math.log(b[31] * k) / Math.sqrt(b[32] + Math.pow(omegaM - b[33] * h, 2)))
                * Math.cos(omegaM * b[34] - b[35] * k / Math.sqrt(omegaB * omegaB + b[36]));
        return line1 + line2 + line3 + line4;
    }

    /**
     * log10 S of Sui et al. 2025 for massless neutrinos: the three terms proportional to the neutrino mass vanish, and their
     * -e4 h / (e5 h + m_nu) becomes -e4 h / (e5 h).
     */
    public static double log10S(double omegaM, double omegaB, double h, double w0, double wa) {
        double[] e = E;
        double inner = (e[9] * omegaB - e[10] * w0 - e[11] * wa + (e[12] * w0 + e[13]) / (e[14] * wa + w0))
                / Math.sqrt(e[15] + Math.pow(omegaM + e[16] * Math.log(-e[17] * w0), 2));
        return (-e[0] * h - e[1] * w0 - e[4] * h / (e[5] * h) + inner) / 10;
    }

    /**
     * Growth factor approximation D(a) used by Sui et al. 2025 (massless neutrinos): Carroll, Press & Turner 1992
     * (ARA&A 30, 499) eq. 29 with Omega_de(a) for w0wa, D -> a early.
     */
    public static double approximateGrowth(double a, double omegaM, double w0, double wa) {
        double om = omegaM / (a * a * a);
        double ol = (1 - omegaM) * Math.pow(a, -3 * (1 + w0 + wa)) * Math.exp(-3 * wa * (1 - a));
        double g2 = om + ol;
        om /= g2;
        ol /= g2;
        return a * 2.5 * om / (Math.pow(om, 4.0 / 7.0) - ol + (1 + om / 2) * (1 + ol / 70));
    }
}
