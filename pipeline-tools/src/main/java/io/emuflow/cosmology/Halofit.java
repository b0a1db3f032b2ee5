package io.emuflow.cosmology;

/**
 * Halofit nonlinear matter power spectrum of Smith et al. 2003 (MNRAS 341, 1311, astro-ph/0207664; appendix C) with the
 * revised coefficients of Takahashi et al. 2012 (ApJ 761, 152, arXiv:1208.2701; appendix, eqs. A1-A13). One instance
 * holds the nonlinear scale k_sigma, the effective index n_eff and the curvature C of one linear spectrum at one
 * redshift; {@link #nonlinearPower} then maps P_lin(k) to P_nl(k) at any k.
 *
 * <p>The linear spectrum enters only through Delta^2_L(k) = k^3 P_L / (2 pi^2) sampled on a uniform grid in ln k
 * (wide enough for the Gaussian-window integrals below to converge), so any tabulated spectrum can be used.
 *
 * <p>Equation numbers and coefficients: the papers' appendices could not be read here (only their abstracts), so the
 * numbers were checked against independent implementations instead: Smith et al. eqs. C6-C8 for k_sigma, n_eff and C
 * and Takahashi et al. eqs. A6-A7 for the coefficients with the (1 + w) terms are as E. Komatsu's MatterPower.jl
 * cites them, and every coefficient of A6-A13 below equals that code's (which leaves out the (1 + w) terms; their
 * 0.1749 and 0.2279 are from memory, and CLASS's runs are w = -1 so HalofitClassTest does not test them). The numbers
 * A1-A5 and A8-A13 follow the same order and are from memory, not verified. The result is checked against CLASS's own Halofit (Takahashi et al.
 * 2012) fed the same linear spectrum, within 0.012% at z <= 2 (HalofitClassTest).
 */
public final class Halofit {
    /** Gaussian-window integrals are cut where exp(-k^2 R^2) < e^-60. */
    private static final double MAX_Y2 = 60;

    private final boolean linearOnly;
    private final double kSigma;
    private final double nEff;
    private final double curvature;
    // Takahashi et al. 2012 eqs. A6-A13 evaluated at (n_eff, C, Omega_m(z), Omega_de(z), w(z))
    private double an;
    private double bn;
    private double cn;
    private double gamman;
    private double alphan;
    private double betan;
    private double nun;
    private double f1;
    private double f2;
    private double f3;

    /**
     * @param lnKMin ln of the first grid wavenumber (1/Mpc)
     * @param dLnK grid spacing in ln k
     * @param delta2 Delta^2_L on the grid, to be multiplied by {@code scale}
     * @param scale factor applied to delta2 (e.g. the squared growth ratio D(z)^2/D(0)^2)
     * @param omegaM Omega_m(z)
     * @param omegaDe Omega_de(z)
     * @param w dark-energy equation of state w(z)
     */
    public Halofit(double lnKMin, double dLnK, double[] delta2, double scale, double omegaM, double omegaDe, double w) {
        double lnRSmall = -(lnKMin + dLnK * (delta2.length - 1)) + 2.5; // R where the grid still resolves the window
        double lnRLarge = -lnKMin - 2.5;
        double[] sums = new double[3];
        gaussianSums(lnKMin, dLnK, delta2, scale, Math.exp(lnRSmall), sums);
        if (sums[0] < 1) {
            // sigma < 1 on every resolved scale: the field is linear on the grid (very high z or tiny amplitude)
            linearOnly = true;
            kSigma = Double.POSITIVE_INFINITY;
            nEff = Double.NaN;
            curvature = Double.NaN;
            return;
        }
        linearOnly = false;
        // solve ln sigma^2(R) = 0 by Newton's method in ln R, safeguarded by bisection; sigma^2 falls with R
        double lo = lnRSmall;
        double hi = lnRLarge;
        double lnR = 0.5 * (lo + hi);
        for (int iteration = 0; iteration < 100; iteration++) {
            gaussianSums(lnKMin, dLnK, delta2, scale, Math.exp(lnR), sums);
            double f = Math.log(sums[0]);
            if (f > 0) {
                lo = lnR;
            } else {
                hi = lnR;
            }
            double step = -f / (sums[1] / sums[0]);
            double next = lnR + step;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            boolean done = Math.abs(next - lnR) < 1e-10;
            lnR = next;
            if (done) {
                break;
            }
        }
        gaussianSums(lnKMin, dLnK, delta2, scale, Math.exp(lnR), sums);
        double d1 = sums[1] / sums[0];
        double d2 = sums[2] / sums[0] - d1 * d1;
        kSigma = Math.exp(-lnR);
        nEff = -3 - d1; // n_eff + 3 = -d ln sigma^2 / d ln R at R = 1/k_sigma (Smith et al. 2003, eq. C7)
        curvature = -d2; // C = -d^2 ln sigma^2 / d ln R^2 at R = 1/k_sigma (Smith et al. 2003, eq. C8)
        coefficients(omegaM, omegaDe, w);
    }

    /**
     * Gaussian-window sums at radius R: s0 = sigma^2(R) = int Delta^2 e^{-y^2} dln k (y = kR; Smith et al. 2003, eq. C6,
     * whose root sigma(1/k_sigma) = 1 defines k_sigma),
     * s1 = d sigma^2 / d ln R and s2 = d^2 sigma^2 / d ln R^2, by the trapezoidal rule in ln k.
     */
    private static void gaussianSums(double lnKMin, double dLnK, double[] delta2, double scale, double radius, double[] out) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double r2 = radius * radius;
        for (int i = 0; i < delta2.length; i++) {
            double k = Math.exp(lnKMin + i * dLnK);
            double y2 = k * k * r2;
            if (y2 > MAX_Y2) {
                break;
            }
            double weight = (i == 0 || i == delta2.length - 1 ? 0.5 : 1) * delta2[i] * Math.exp(-y2);
            s0 += weight;
            s1 += weight * (-2 * y2);
            s2 += weight * (4 * y2 * y2 - 4 * y2);
        }
        out[0] = s0 * dLnK * scale;
        out[1] = s1 * dLnK * scale;
        out[2] = s2 * dLnK * scale;
    }

    /**
     * Takahashi et al. 2012 appendix, eqs. A6-A13 (Omega_de (1 + w) terms in A6 and A7), and the Omega-dependence f1, f2, f3
     * of Smith et al. 2003 (appendix C, open and flat forms; equation numbers not verified).
     */
    private void coefficients(double omegaM, double omegaDe, double w) {
        double n = nEff;
        double n2 = n * n;
        double n3 = n2 * n;
        double n4 = n3 * n;
        double c = curvature;
        double deTerm = omegaDe * (1 + w);
        an = Math.pow(10, 1.5222 + 2.8553 * n + 2.3706 * n2 + 0.9903 * n3 + 0.2250 * n4 - 0.6038 * c + 0.1749 * deTerm); // A6
        bn = Math.pow(10, -0.5642 + 0.5864 * n + 0.5716 * n2 - 1.5474 * c + 0.2279 * deTerm); // A7
        cn = Math.pow(10, 0.3698 + 2.0404 * n + 0.8161 * n2 + 0.5869 * c); // A8
        gamman = 0.1971 - 0.0843 * n + 0.8460 * c; // A9
        alphan = Math.abs(6.0835 + 1.3373 * n - 0.1959 * n2 - 5.5274 * c); // A10
        betan = 2.0379 - 0.7354 * n + 0.3157 * n2 + 1.2490 * n3 + 0.3980 * n4 - 0.1682 * c; // A11
        nun = Math.pow(10, 5.2105 + 3.6902 * n); // A13 (mu_n = 0, A12)
        // Smith et al. 2003 (appendix C): open (a) and flat (b) forms (from memory, not verified; the flat exponents equal
        // those of MatterPower.jl). The paper gives the two limits; the linear
        // interpolation in Omega_de / (1 - Omega_m) between them is the convention of the halofit codes (CAMB, CLASS)
        double frac = omegaDe / (1 - omegaM);
        f1 = frac * Math.pow(omegaM, -0.0307) + (1 - frac) * Math.pow(omegaM, -0.0732);
        f2 = frac * Math.pow(omegaM, -0.0585) + (1 - frac) * Math.pow(omegaM, -0.1423);
        f3 = frac * Math.pow(omegaM, 0.0743) + (1 - frac) * Math.pow(omegaM, 0.0725);
    }

    /**
     * Halofit for any linear spectrum P_lin(k) at one redshift (k in 1/Mpc, P in Mpc^3), e.g. a
     * {@link TabulatedSpectrum}; it is sampled on the integration grid of {@link MatterPowerSpectrum}.
     */
    public static Halofit of(java.util.function.DoubleUnaryOperator linearPower, double omegaM, double omegaDe, double w) {
        double lnKMin = MatterPowerSpectrum.LN_K_MIN;
        double dLnK = MatterPowerSpectrum.D_LN_K;
        int n = (int) Math.round((MatterPowerSpectrum.LN_K_MAX - lnKMin) / dLnK) + 1;
        double[] delta2 = new double[n];
        for (int i = 0; i < n; i++) {
            double k = Math.exp(lnKMin + i * dLnK);
            delta2[i] = k * k * k / (2 * Math.PI * Math.PI) * linearPower.applyAsDouble(k);
        }
        return new Halofit(lnKMin, dLnK, delta2, 1, omegaM, omegaDe, w);
    }

    /** Nonlinear wavenumber k_sigma = 1/R_sigma, where sigma(R_sigma) = 1 with a Gaussian window (1/Mpc). */
    public double kSigma() {
        return kSigma;
    }

    public double nEff() {
        return nEff;
    }

    public double curvature() {
        return curvature;
    }

    /**
     * P_nl(k) from P_lin(k) (Mpc^3, k in 1/Mpc): Delta^2_NL = Delta^2_Q + Delta^2_H, Takahashi et al. 2012 eqs. A1-A5
     * (the same forms as Smith et al. 2003 appendix C, with f(y) = y/4 + y^2/8).
     */
    public double nonlinearPower(double k, double linearPower) {
        if (linearOnly) {
            return linearPower;
        }
        double norm = k * k * k / (2 * Math.PI * Math.PI);
        double dl = norm * linearPower;
        double y = k / kSigma;
        double fy = y / 4 + y * y / 8;
        double quasiLinear = dl * Math.pow(1 + dl, betan) / (1 + alphan * dl) * Math.exp(-fy); // A2
        double haloPrime = an * Math.pow(y, 3 * f1) / (1 + bn * Math.pow(y, f2) + Math.pow(cn * f3 * y, 3 - gamman)); // A4
        double halo = haloPrime / (1 + nun / (y * y)); // A3 with mu_n = 0
        return (quasiLinear + halo) / norm;
    }

    /** {@link #nonlinearPower} over arrays. */
    public double[] nonlinearPower(double[] k, double[] linearPower) {
        double[] out = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            out[i] = nonlinearPower(k[i], linearPower[i]);
        }
        return out;
    }
}
