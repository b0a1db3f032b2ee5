package io.emuflow.reionization;

import io.emuflow.fields.KSpace;

/**
 * Linear matter power spectrum at z = 0 with the transfer function 21cmFAST uses by default (POWER_SPECTRUM = 0):
 * the fitting formula of Eisenstein &amp; Hu 1999 (ApJ 511, 5, section 3, "TFmdm") for cold dark matter plus baryons,
 * here without massive neutrinos (f_nu -> 0, where it has no baryon oscillations), with the sound horizon of
 * Eisenstein &amp; Hu 1998 (ApJ 496, 605, eqs. 2-6). P(k) = 2 pi^2 N^2 k^n_s T(k)^2, normalised so that the top-hat
 * variance at R = 8/h Mpc is sigma8^2. Also sigma(R) and the mass-radius relation of a top-hat, M = 4/3 pi R^3
 * rho_m.
 */
public final class LinearPower {
    private static final double F_NU = 1e-10; // 21cmFAST floors f_nu at 1e-10 when there are no massive neutrinos
    private static final double N_NU = 1.0;
    private static final int STEPS = 8000; // Simpson intervals in ln k for sigma(R)
    private static final double LN_K_MIN = Math.log(1e-7);
    private static final double LN_K_MAX = Math.log(1e4);

    private final ReionCosmology cosmology;
    private final double omhh;
    private final double theta2;
    private final double soundHorizon;
    private final double alphaNu;
    private final double betaC;
    private final double norm2;
    // Simpson weights times k^3 P_unnormalised(k) / (2 pi^2) on the ln k grid, for fast sigma(R)
    private final double[] kGrid;
    private final double[] weightedPower;

    public LinearPower(ReionCosmology cosmology) {
        this.cosmology = cosmology;
        double h2 = cosmology.h() * cosmology.h();
        double theta = ReionCosmology.T_CMB / 2.7;
        this.theta2 = theta * theta;
        this.omhh = cosmology.omegaM() * h2;
        double obhh = cosmology.omegaB() * h2;
        double fBaryon = cosmology.omegaB() / cosmology.omegaM();

        // EH98 eqs. 2-6: matter-radiation equality, drag epoch, baryon-to-photon ratios, sound horizon
        double zEquality = 25000 * omhh / (theta2 * theta2) - 1.0;
        double kEquality = 0.0746 * omhh / theta2;
        double b1 = 0.313 * Math.pow(omhh, -0.419) * (1 + 0.607 * Math.pow(omhh, 0.674));
        double b2 = 0.238 * Math.pow(omhh, 0.223);
        double zDrag = 1291 * Math.pow(omhh, 0.251) / (1 + 0.659 * Math.pow(omhh, 0.828)) * (1 + b1 * Math.pow(obhh, b2));
        double yDrag = (1 + zEquality) / (1 + zDrag);
        double rDrag = 31.5 * obhh / (theta2 * theta2) * 1000 / (1 + zDrag);
        double rEquality = 31.5 * obhh / (theta2 * theta2) * 1000 / (1 + zEquality);
        this.soundHorizon = 2.0 / 3.0 / kEquality * Math.sqrt(6.0 / rEquality)
                * Math.log((Math.sqrt(1 + rDrag) + Math.sqrt(rDrag + rEquality)) / (1 + Math.sqrt(rEquality)));

        // EH99 section 3: growth exponents p_c, p_cb (sign as in 21cmFAST), small-scale suppression alpha_nu, beta_c
        double pC = -(5 - Math.sqrt(1 + 24 * (1 - F_NU - fBaryon))) / 4.0;
        double pCb = -(5 - Math.sqrt(1 + 24 * (1 - F_NU))) / 4.0;
        double fC = 1 - F_NU - fBaryon;
        double fCb = 1 - F_NU;
        double fNub = F_NU + fBaryon;
        double a = (fC / fCb) * (2 * (pC + pCb) + 5) / (4 * pCb + 5.0);
        a *= 1 - 0.553 * fNub + 0.126 * Math.pow(fNub, 3);
        a /= 1 - 0.193 * Math.sqrt(F_NU) + 0.169 * F_NU;
        a *= Math.pow(1 + yDrag, pC - pCb);
        a *= 1 + (pCb - pC) / 2.0 * (1.0 + 1.0 / (4.0 * pC + 3.0) / (4.0 * pCb + 7.0)) / (1.0 + yDrag);
        this.alphaNu = a;
        this.betaC = 1.0 / (1.0 - 0.949 * fNub);

        this.kGrid = new double[STEPS + 1];
        this.weightedPower = new double[STEPS + 1];
        double step = (LN_K_MAX - LN_K_MIN) / STEPS;
        for (int i = 0; i <= STEPS; i++) {
            double lnK = LN_K_MIN + i * step;
            double k = Math.exp(lnK);
            double simpson = (i == 0 || i == STEPS) ? 1 : (i % 2 == 1 ? 4 : 2);
            double t = transfer(k);
            kGrid[i] = k;
            weightedPower[i] = simpson * step / 3 * k * k * k * Math.pow(k, cosmology.ns()) * t * t;
        }
        double radius8 = 8.0 / cosmology.h();
        this.norm2 = cosmology.sigma8() * cosmology.sigma8() / unnormalisedVariance(radius8);
    }

    public ReionCosmology cosmology() {
        return cosmology;
    }

    /** Transfer function T(k), k in 1/Mpc (EH99 master function with f_nu -> 0). */
    public double transfer(double k) {
        double q = k * theta2 / omhh;
        double sqrtAlpha = Math.sqrt(alphaNu);
        double gammaEff = sqrtAlpha + (1.0 - sqrtAlpha) / (1.0 + Math.pow(0.43 * k * soundHorizon, 4));
        double qEff = q / gammaEff;
        double l = Math.log(Math.E + 1.84 * betaC * sqrtAlpha * qEff);
        double t = l / (l + qEff * qEff * (14.4 + 325.0 / (1.0 + 60.5 * Math.pow(qEff, 1.11))));
        double qNu = 3.92 * q / Math.sqrt(F_NU / N_NU);
        return t * (1.0 + (1.2 * Math.pow(F_NU, 0.64) * Math.pow(N_NU, 0.3 + 0.6 * F_NU)) / (Math.pow(qNu, -1.6) + Math.pow(qNu, 0.8)));
    }

    /** Linear P(k) at z = 0 in Mpc^3, k in 1/Mpc. */
    public double power(double k) {
        if (k <= 0) {
            return 0;
        }
        double t = transfer(k);
        return 2 * Math.PI * Math.PI * norm2 * Math.pow(k, cosmology.ns()) * t * t;
    }

    /** Top-hat rms fluctuation at z = 0 in a sphere of radius R (Mpc). */
    public double sigma(double radius) {
        return Math.sqrt(norm2 * unnormalisedVariance(radius));
    }

    public double sigmaOfMass(double mass) {
        return sigma(radiusOfMass(mass));
    }

    /** Mass (M_sun) in a top-hat sphere of radius R (Mpc) at the mean matter density. */
    public double massOfRadius(double radius) {
        return 4.0 / 3.0 * Math.PI * radius * radius * radius * cosmology.rhoMatter();
    }

    public double radiusOfMass(double mass) {
        return Math.cbrt(mass / (4.0 / 3.0 * Math.PI * cosmology.rhoMatter()));
    }

    // integral of k^3 P_u(k) W^2(kR) dln k (the 2 pi^2 of P cancels the 1/(2 pi^2) of sigma^2)
    private double unnormalisedVariance(double radius) {
        double sum = 0;
        for (int i = 0; i < kGrid.length; i++) {
            double w = KSpace.topHatWindow(kGrid[i] * radius);
            sum += weightedPower[i] * w * w;
        }
        return sum;
    }
}
