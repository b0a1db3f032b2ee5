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
}
