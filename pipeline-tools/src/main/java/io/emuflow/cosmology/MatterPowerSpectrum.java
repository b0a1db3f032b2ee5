package io.emuflow.cosmology;

/**
 * Linear and nonlinear matter power spectrum of one cosmology: background and growth ({@link Background},
 * {@link GrowthFactor}), Eisenstein & Hu 1998 transfer function ({@link EisensteinHu}), A_s normalisation
 * ({@link Primordial}), and Takahashi et al. 2012 Halofit ({@link Halofit}). Wavenumbers in 1/Mpc, P in Mpc^3.
 * An instance is immutable after {@link #create} and may be shared between threads.
 */
public final class MatterPowerSpectrum {
    /** Halofit integration grid in ln k (1/Mpc): wide enough for the Gaussian-window integrals at z <= 20. */
    static final double LN_K_MIN = Math.log(1e-5);
    static final double LN_K_MAX = Math.log(1e3);
    static final double D_LN_K = 0.04;
    /** Growth is tabulated to z = 1000; spectra are served up to this redshift. */
    public static final double MAX_REDSHIFT = 1000;

    private final CosmologyParams params;
    private final LinearModel model;
    private final Background background;
    private final GrowthFactor growth;
    private final EisensteinHu eisensteinHu;
    /** EH99: its transfer function (null for the other models). */
    private final EisensteinHu1999 eisensteinHu1999;
    private final double[] halofitDelta2;
    /** CORRECTED: ln(P_CLASS / P_EH) of this cosmology. */
    private final CalibratedCorrection.Applied correction;
    /** SYREN_NEW: the k-independent factor D_approx(0)^2 S of Sui et al. 2025. */
    private final double syrenAmplitude;

    private MatterPowerSpectrum(CosmologyParams params, LinearModel model, CalibratedCorrection calibration) {
        this.params = params;
        this.model = model;
        this.background = Background.of(params);
        this.growth = new GrowthFactor(background);
        this.eisensteinHu = EisensteinHu.of(background, Background.T_CMB);
        this.eisensteinHu1999 = model != LinearModel.EH99 ? null
                : new EisensteinHu1999(background.omegaM(), background.omegaB(), background.h(), Background.T_CMB);
        this.correction = model == LinearModel.CORRECTED ? calibration.apply(params) : null;
        double d0 = BoltzmannCorrection.approximateGrowth(1, background.omegaM(), params.w0(), params.wa());
        this.syrenAmplitude = model != LinearModel.SYREN_NEW ? Double.NaN
                : d0 * d0 * Math.pow(10, BoltzmannCorrection.log10S(background.omegaM(), background.omegaB(), background.h(), params.w0(), params.wa()));
        int n = (int) Math.round((LN_K_MAX - LN_K_MIN) / D_LN_K) + 1;
        halofitDelta2 = new double[n];
        for (int i = 0; i < n; i++) {
            double k = Math.exp(LN_K_MIN + i * D_LN_K);
            halofitDelta2[i] = k * k * k / (2 * Math.PI * Math.PI) * linearToday(k);
        }
    }

    public static MatterPowerSpectrum create(CosmologyParams params, LinearModel model) {
        return new MatterPowerSpectrum(params, model, model == LinearModel.CORRECTED ? CalibratedCorrection.bundled() : null);
    }

    /**
     * Normalisation by sigma8 instead of A_s: the linear spectrum is proportional to A_s, so the A_s giving
     * sigma8 is A_s (sigma8 / sigma8(A_s))^2. The ln10As of {@code params} is only a starting value.
     */
    public static MatterPowerSpectrum withSigma8(CosmologyParams params, double sigma8, LinearModel model) {
        if (!(sigma8 > 0.1 && sigma8 < 3)) {
            throw new IllegalArgumentException("sigma8 = " + sigma8 + " is outside the physical range (0.1, 3)");
        }
        double current = create(params, model).sigma8();
        CosmologyParams scaled = new CosmologyParams(params.h0(), params.omegaB(), params.omegaC(),
                params.ln10As() + 2 * Math.log(sigma8 / current), params.nS(), params.w0(), params.wa(), params.omegaK());
        return create(scaled, model);
    }

    /** A CORRECTED spectrum with a given calibration (e.g. one that left this cosmology out, for validation). */
    public static MatterPowerSpectrum create(CosmologyParams params, CalibratedCorrection calibration) {
        return new MatterPowerSpectrum(params, LinearModel.CORRECTED, calibration);
    }

    public CosmologyParams params() {
        return params;
    }

    public LinearModel model() {
        return model;
    }

    public Background background() {
        return background;
    }

    public GrowthFactor growth() {
        return growth;
    }

    /** Linear P(k, z = 0) in Mpc^3 of the chosen model. */
    public double linearToday(double k) {
        double omegaM = background.omegaM();
        double dh = background.hubbleDistance();
        return switch (model) {
            case EH_WIGGLE -> Primordial.matterPower(params.aS(), params.nS(), k, eisensteinHu.transfer(k), growth.today(), omegaM, dh);
            case EH_NO_WIGGLE -> Primordial.matterPower(params.aS(), params.nS(), k, eisensteinHu.transferNoWiggle(k), growth.today(), omegaM, dh);
            case EH99 -> Primordial.matterPower(params.aS(), params.nS(), k, eisensteinHu1999.transfer(k), growth.today(), omegaM, dh);
            case CORRECTED -> Primordial.matterPower(params.aS(), params.nS(), k, eisensteinHu.transfer(k), growth.today(), omegaM, dh)
                    * Math.exp(correction.logRatio(k));
            // Sui et al. 2025: P = P_EH,nw(A_s; D = 1) D_approx^2 F S at z = 0; evolved below with the exact growth ODE
            case SYREN_NEW -> Primordial.matterPower(params.aS(), params.nS(), k, eisensteinHu.transferNoWiggle(k), 1, omegaM, dh)
                    * syrenAmplitude * Math.exp(BoltzmannCorrection.logF(k / background.h(), omegaM, background.omegaB(), background.h()));
        };
    }

    /** Linear P(k, z) in Mpc^3: P(k, 0) (D(z)/D(0))^2, growth being scale independent for CDM + baryons. */
    public double[] linear(double[] k, double z) {
        checkRedshift(z);
        double g = growth.normalized(z);
        double[] out = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            checkWavenumber(k[i]);
            out[i] = linearToday(k[i]) * g * g;
        }
        return out;
    }

    /** Halofit (Takahashi et al. 2012) nonlinear P(k, z) in Mpc^3. */
    public double[] nonlinear(double[] k, double z) {
        double[] linear = linear(k, z);
        return halofit(z).nonlinearPower(k, linear);
    }

    /** Linear and nonlinear P(k, z) together (the linear spectrum is computed once): {P_lin, P_nl}. */
    public double[][] linearAndNonlinear(double[] k, double z) {
        double[] linear = linear(k, z);
        return new double[][] {linear, halofit(z).nonlinearPower(k, linear)};
    }

    /** The Halofit state (k_sigma, n_eff, C) at redshift z. */
    public Halofit halofit(double z) {
        checkRedshift(z);
        double g = growth.normalized(z);
        double a = 1 / (1 + z);
        return new Halofit(LN_K_MIN, D_LN_K, halofitDelta2, g * g, background.omegaM(a), background.omegaDe(a), background.w(a));
    }

    /** sigma(R) of the linear field at z = 0, R in Mpc. */
    public double sigma(double radius) {
        return Variance.sigma(this::linearToday, radius);
    }

    /** sigma_8: sigma at R = 8 Mpc/h, z = 0. */
    public double sigma8() {
        return sigma(8 / background.h());
    }

    private static void checkRedshift(double z) {
        if (!(z >= 0 && z <= MAX_REDSHIFT)) {
            throw new IllegalArgumentException("redshift z = " + z + " is outside [0, " + MAX_REDSHIFT + "]");
        }
    }

    private static void checkWavenumber(double k) {
        if (!(k > 0 && Double.isFinite(k))) {
            throw new IllegalArgumentException("wavenumber k = " + k + " 1/Mpc must be positive and finite");
        }
    }
}
