package io.emuflow.cosmology;

/**
 * Eisenstein &amp; Hu 1999 (ApJ 511, 5, astro-ph/9710252; "EH99"), section 3: the fitting formula for the transfer
 * function of cold dark matter, baryons and massive neutrinos ("TFmdm"), here with the neutrino fraction floored at
 * f_nu = 1e-10 as 21cmFAST does when there are no massive neutrinos (its default transfer function, POWER_SPECTRUM =
 * 0): in that limit it has no baryon oscillations, a smooth shape between Eisenstein &amp; Hu 1998's full and
 * no-wiggle forms ({@link EisensteinHu}). The sound horizon is Eisenstein &amp; Hu 1998's (ApJ 496, 605, eqs. 2-6).
 * Wavenumbers in 1/Mpc. Checked against the no-wiggle form of EH98 in EisensteinHu1999Test; the
 * 21-cm simulator's normalisation and sigma(R) on top of it are {@link Sigma8Power}.
 */
public final class EisensteinHu1999 {
    private static final double F_NU = 1e-10; // 21cmFAST floors f_nu at 1e-10 when there are no massive neutrinos
    private static final double N_NU = 1.0;

    private final double omhh;
    private final double theta2;
    private final double soundHorizon;
    private final double alphaNu;
    private final double betaC;

    /**
     * @param omegaM Omega_m today (CDM + baryons)
     * @param omegaB Omega_b today
     * @param h H0 / (100 km/s/Mpc)
     * @param tCmb CMB temperature in K (21cmFAST: 2.728)
     */
    public EisensteinHu1999(double omegaM, double omegaB, double h, double tCmb) {
        double h2 = h * h;
        double theta = tCmb / 2.7;
        this.theta2 = theta * theta;
        this.omhh = omegaM * h2;
        double obhh = omegaB * h2;
        double fBaryon = omegaB / omegaM;

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
}
