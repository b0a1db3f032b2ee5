package io.emuflow.halomodel;

import io.emuflow.cosmology.Background;
import io.emuflow.cosmology.EisensteinHu;
import io.emuflow.cosmology.HeathGrowth;

/**
 * The linear ingredients of the halo model for one flat LambdaCDM cosmology, in h units (k in h/Mpc, lengths in
 * Mpc/h, masses in M_sun/h, P in (Mpc/h)^3): the Eisenstein &amp; Hu 1998 linear spectrum with baryon wiggles
 * normalised to sigma_8 (io.emuflow.cosmology.EisensteinHu), the growth factor of the growth ODE
 * (io.emuflow.cosmology.GrowthFactor), the comoving mean matter density and sigma(M) of the top-hat window
 * (io.emuflow.cosmology.Variance#topHat).
 *
 * <p>Radiation is left out (Omega_r = 0), as in the CCL benchmarks this model is tested against; its effect on
 * D(z)/D(0) below z = 3 is a few 1e-5. Without radiation, flat LambdaCDM growth has a closed form (Heath 1977,
 * io.emuflow.cosmology.HeathGrowth, tested against the cosmology package's growth ODE); it is 100 times faster
 * than the ODE, which matters for the emulator's training sets.
 *
 * <p>sigma^2(R) = int dln k Delta^2(k) W^2(kR) and its derivative d sigma^2/d ln R = int dln k Delta^2 2 W W'(x) x
 * are integrated by Simpson's rule in ln k on nodes every {@link #NODE_DEX} dex in M, and ln sigma is read between
 * nodes by cubic Hermite interpolation in ln M with the exact slopes, so that dn/dM needs no numerical derivative.
 */
public final class LinearTheory {
    /**
     * Critical density for H0 = 100 km/s/Mpc in (M_sun/h)/(Mpc/h)^3: 3 H0^2 / (8 pi G) with CCL's constants
     * (G = 6.67408e-11 m^3/kg/s^2, M_sun = 1.98847542e30 kg (IAU 2015 GM_sun / G), 1 Mpc = 3.08567758149e22 m).
     */
    public static final double RHO_CRIT = 3 * 1e10 / (8 * Math.PI * 6.67408e-11) * 3.08567758149e22 / 1.98847542e30;
    private static final double LN_K_MIN = Math.log(1e-5);
    private static final double LN_K_MAX = Math.log(1e4);
    private static final double D_LN_K = 0.04;
    /** sigma(M) nodes: log10 M from 3 to 18.5 (M_sun/h). */
    private static final double LOG10_M_MIN = 3.5;
    private static final double LOG10_M_MAX = 18;
    private static final double NODE_DEX = 0.25;
    /** sigma^2 integrals stop at kR = this (the window's tail beyond adds less than 1e-6). */
    private static final double X_MAX = 80;
    private static final double[] K_GRID = kGrid();

    private final double h;
    private final double omegaM;
    private final double nS;
    private final double rhoM;
    private final EisensteinHu eisensteinHu;
    private final HeathGrowth growth;
    private final Background background;
    private final double amplitude;
    private final double[] lnSigma;
    private final double[] slope;
    private final int nodes;

    /**
     * @param omegaM Omega_m today (CDM + baryons)
     * @param omegaB Omega_b today
     * @param h H0 / (100 km/s/Mpc)
     * @param sigma8 rms linear density contrast in spheres of 8 Mpc/h at z = 0
     * @param nS scalar spectral index
     * @param tCmb CMB temperature in K (only the transfer function uses it)
     */
    public LinearTheory(double omegaM, double omegaB, double h, double sigma8, double nS, double tCmb) {
        check(omegaM, "Omega_m", 0.01, 0.99);
        check(omegaB, "Omega_b", 1e-4, omegaM);
        check(h, "h", 0.2, 1.5);
        check(sigma8, "sigma_8", 0.1, 3);
        check(nS, "n_s", 0.5, 1.5);
        this.h = h;
        this.omegaM = omegaM;
        this.nS = nS;
        this.rhoM = RHO_CRIT * omegaM;
        this.eisensteinHu = new EisensteinHu(omegaM, omegaB, h, tCmb);
        this.background = new Background(h, omegaM, omegaB, 0, 0, -1, 0);
        this.growth = new HeathGrowth(omegaM);

        int nk = (int) Math.round((LN_K_MAX - LN_K_MIN) / D_LN_K) + 1;
        double[] shape = new double[nk];
        for (int i = 0; i < nk; i++) {
            double k = K_GRID[i];
            shape[i] = k * k * k * unnormalisedPower(k);
        }
        double[] at8 = sigma2(shape, 8);
        this.amplitude = sigma8 * sigma8 / at8[0];
        nodes = (int) Math.round((LOG10_M_MAX - LOG10_M_MIN) / NODE_DEX) + 1;
        lnSigma = new double[nodes];
        slope = new double[nodes];
        for (int j = 0; j < nodes; j++) {
            double mass = Math.pow(10, LOG10_M_MIN + j * NODE_DEX);
            double[] s = sigma2(shape, MassDefinition.radius(mass, 1, rhoM));
            lnSigma[j] = 0.5 * Math.log(amplitude * s[0]);
            slope[j] = s[1] / s[0] / 6; // d ln sigma / d ln M = (1/2)(1/3) d ln sigma^2 / d ln R
        }
    }

    private static double[] kGrid() {
        int nk = (int) Math.round((LN_K_MAX - LN_K_MIN) / D_LN_K) + 1;
        double[] k = new double[nk];
        for (int i = 0; i < nk; i++) {
            k[i] = Math.exp(LN_K_MIN + i * D_LN_K);
        }
        return k;
    }

    private double unnormalisedPower(double kh) {
        double t = eisensteinHu.transfer(kh * h);
        return Math.pow(kh, nS) * t * t;
    }

    /** {sigma^2, d sigma^2 / d ln R} of the unnormalised shape (k^3 P tabulated on the ln k grid) at radius R (Mpc/h). */
    private static double[] sigma2(double[] shape, double radius) {
        int last = Math.min(shape.length - 1, (int) ((Math.log(X_MAX / radius) - LN_K_MIN) / D_LN_K));
        if (last % 2 == 1) {
            last--;
        }
        double s = 0;
        double ds = 0;
        for (int i = 0; i <= last; i++) {
            double x = K_GRID[i] * radius;
            double w;
            double dw;
            if (x < 1e-3) {
                w = 1 - x * x / 10;
                dw = -x / 5;
            } else {
                double sin = Math.sin(x);
                double cos = Math.cos(x);
                double x2 = x * x;
                w = 3 * (sin - x * cos) / (x2 * x);
                dw = 3 * ((x2 - 3) * sin + 3 * x * cos) / (x2 * x2);
            }
            double weight = (i == 0 || i == last) ? 1 : (i % 2 == 1 ? 4 : 2);
            s += weight * shape[i] * w * w;
            ds += weight * shape[i] * 2 * w * dw * x;
        }
        double norm = D_LN_K / 3 / (2 * Math.PI * Math.PI);
        return new double[] {s * norm, ds * norm};
    }

    /** Linear P(k, z) in (Mpc/h)^3, k in h/Mpc. */
    public double power(double kh, double z) {
        double g = growth(z);
        return amplitude * unnormalisedPower(kh) * g * g;
    }

    /** D(z) / D(0). */
    public double growth(double z) {
        return growth.d(1 / (1 + z));
    }

    /** sigma(M, z = 0), M in M_sun/h (M = 4/3 pi R^3 rho_m). */
    public double sigma(double mass) {
        return Math.exp(interpolate(mass, false));
    }

    /** d ln sigma / d ln M at z = 0 (negative). */
    public double dlnSigmaDlnM(double mass) {
        return interpolate(mass, true);
    }

    private double interpolate(double mass, boolean derivative) {
        double u = (Math.log10(mass) - LOG10_M_MIN) / NODE_DEX;
        if (!(u >= 0 && u <= nodes - 1)) {
            throw new IllegalArgumentException("halo mass " + mass + " M_sun/h is outside [1e" + LOG10_M_MIN + ", 1e" + LOG10_M_MAX + "]");
        }
        int i = Math.min(nodes - 2, (int) u);
        double t = u - i;
        double dx = NODE_DEX * Math.log(10);
        double p0 = lnSigma[i];
        double p1 = lnSigma[i + 1];
        double m0 = slope[i] * dx;
        double m1 = slope[i + 1] * dx;
        if (derivative) {
            double t2 = t * t;
            return ((6 * t2 - 6 * t) * p0 + (3 * t2 - 4 * t + 1) * m0 + (-6 * t2 + 6 * t) * p1 + (3 * t2 - 2 * t) * m1) / dx;
        }
        double t2 = t * t;
        double t3 = t2 * t;
        return (2 * t3 - 3 * t2 + 1) * p0 + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * p1 + (t3 - t2) * m1;
    }

    /** Omega_m(z) = Omega_m (1+z)^3 / E^2(z). */
    public double omegaM(double z) {
        return background.omegaM(1 / (1 + z));
    }

    /** Comoving mean matter density today, (M_sun/h)/(Mpc/h)^3. */
    public double rhoM() {
        return rhoM;
    }

    public double h() {
        return h;
    }

    public double omegaM() {
        return omegaM;
    }

    private static void check(double value, String name, double lo, double hi) {
        if (!Double.isFinite(value) || value < lo || value > hi) {
            throw new IllegalArgumentException(name + " = " + value + " is outside the physical range [" + lo + ", " + hi + "]");
        }
    }
}
