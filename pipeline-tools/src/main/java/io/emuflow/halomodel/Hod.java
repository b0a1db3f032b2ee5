package io.emuflow.halomodel;

import org.apache.commons.math3.special.Erf;

/**
 * The halo occupation distribution of Linke et al. 2022 (A&amp;A 665, A38, eqs. 39-40; numbers not verified against
 * the paper's text) and Linke et al. 2023, a Zheng et al. 2005 (ApJ 633, 791) form with a central fraction alpha,
 * in the form G3LHalo_python (Linke's code, hod.py, HOD_Zheng) evaluates:
 * N_cen(M) = alpha/2 [1 + erf(ln(M/M_th) / (sqrt2 sigma))],  N_sat(M) = N_cen(M)/alpha (M/M')^beta.
 * N_cen/alpha is written out as [1 + erf(...)]/2, so alpha = 0 (no centrals) is allowed. Masses in M_sun/h
 * (G3LHalo_python takes M_sun; EmuFlow's parameters are in M_sun/h, as the halo masses of its integrals).
 *
 * @param alpha fraction of halos above threshold that host a central galaxy, [0, 1]
 * @param sigma width of the central step in ln M, &gt; 0
 * @param mTh threshold mass, M_sun/h
 * @param mPrime satellite mass scale, M_sun/h
 * @param beta satellite power-law index
 */
public record Hod(double alpha, double sigma, double mTh, double mPrime, double beta) {
    public Hod {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("HOD alpha = " + alpha + " is outside [0, 1]");
        }
        if (!(sigma > 0 && sigma <= 10)) {
            throw new IllegalArgumentException("HOD sigma = " + sigma + " must be in (0, 10]");
        }
        if (!(mTh > 0 && Double.isFinite(mTh))) {
            throw new IllegalArgumentException("HOD M_th = " + mTh + " must be a positive mass (M_sun/h)");
        }
        if (!(mPrime > 0 && Double.isFinite(mPrime))) {
            throw new IllegalArgumentException("HOD M_prime = " + mPrime + " must be a positive mass (M_sun/h)");
        }
        if (!(beta >= 0 && beta <= 5)) {
            throw new IllegalArgumentException("HOD beta = " + beta + " is outside [0, 5]");
        }
    }

    /** [1 + erf(ln(M/M_th) / (sqrt2 sigma))] / 2 = N_cen / alpha. */
    public double step(double mass) {
        return 0.5 * Erf.erfc(-Math.log(mass / mTh) / (Math.sqrt(2) * sigma));
    }

    public double centrals(double mass) {
        return alpha * step(mass);
    }

    public double satellites(double mass) {
        return step(mass) * Math.pow(mass / mPrime, beta);
    }

    /**
     * Means of N_cen and N_sat over ln M in [lnLo, lnHi], exact: with t = (ln M - ln M_th)/sigma, Phi the normal
     * distribution function and phi its density, int Phi(t) d ln M = sigma (t Phi(t) + phi(t)), and
     * int Phi(t) e^(beta (ln M - ln M')) d ln M = [e^(beta (ln M - ln M')) Phi(t) - e^(beta (ln M_th - ln M') + beta^2 sigma^2 / 2)
     * Phi(t - beta sigma)] / beta (integration by parts). The mass integrals use these bin means instead of values at
     * bin centres, so that a step narrower than a bin (sigma down to 0.01) is integrated correctly.
     *
     * @return {mean N_cen, mean N_sat}
     */
    public double[] binMeans(double lnLo, double lnHi) {
        double width = lnHi - lnLo;
        double lnTh = Math.log(mTh);
        double lnPrime = Math.log(mPrime);
        double tLo = (lnLo - lnTh) / sigma;
        double tHi = (lnHi - lnTh) / sigma;
        double stepMean = sigma * (tHi * phi(tHi) + density(tHi) - tLo * phi(tLo) - density(tLo)) / width;
        double satMean;
        if (beta * width < 1e-8) {
            satMean = stepMean * Math.exp(beta * (0.5 * (lnLo + lnHi) - lnPrime));
        } else {
            double shift = beta * sigma;
            double tail = Math.exp(beta * (lnTh - lnPrime) + shift * shift / 2) * (phi(tHi - shift) - phi(tLo - shift));
            satMean = (Math.exp(beta * (lnHi - lnPrime)) * phi(tHi) - Math.exp(beta * (lnLo - lnPrime)) * phi(tLo) - tail) / (beta * width);
        }
        return new double[] {alpha * stepMean, Math.max(0, satMean)};
    }

    /**
     * Means of N_cen N_sat and N_sat^2 over ln M in [lnLo, lnHi] by a 256-point midpoint rule, or null where the bin is
     * smooth enough for products of the {@link #binMeans} (the step wider than the bin, or the bin more than 8 sigma
     * from the threshold).
     */
    public double[] binProductMeans(double lnLo, double lnHi) {
        double lnTh = Math.log(mTh);
        double width = lnHi - lnLo;
        if (sigma > width || lnHi < lnTh - 8 * sigma || lnLo > lnTh + 8 * sigma) {
            return null;
        }
        int n = 256;
        double cs = 0;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double mass = Math.exp(lnLo + (i + 0.5) * width / n);
            double sat = satellites(mass);
            cs += centrals(mass) * sat;
            ss += sat * sat;
        }
        return new double[] {cs / n, ss / n};
    }

    private static double phi(double t) {
        return 0.5 * Erf.erfc(-t / Math.sqrt(2));
    }

    private static double density(double t) {
        return Math.exp(-t * t / 2) / Math.sqrt(2 * Math.PI);
    }
}
