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
    private final double[] halofitDelta2;

    private MatterPowerSpectrum(CosmologyParams params, LinearModel model) {
        this.params = params;
        this.model = model;
        this.background = Background.of(params);
        this.growth = new GrowthFactor(background);
        this.eisensteinHu = EisensteinHu.of(background, Background.T_CMB);
        int n = (int) Math.round((LN_K_MAX - LN_K_MIN) / D_LN_K) + 1;
        halofitDelta2 = new double[n];
        for (int i = 0; i < n; i++) {
            double k = Math.exp(LN_K_MIN + i * D_LN_K);
            halofitDelta2[i] = k * k * k / (2 * Math.PI * Math.PI) * linearToday(k);
        }
    }

    public static MatterPowerSpectrum create(CosmologyParams params, LinearModel model) {
        return new MatterPowerSpectrum(params, model);
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

    /** Transfer function of the chosen linear model (T -> 1 as k -> 0). */
    public double transfer(double k) {
        return switch (model) {
            case EH_WIGGLE, CORRECTED -> eisensteinHu.transfer(k);
            case EH_NO_WIGGLE -> eisensteinHu.transferNoWiggle(k);
        };
    }

    /** Linear P(k, z = 0) in Mpc^3. */
    public double linearToday(double k) {
        return Primordial.matterPower(params.aS(), params.nS(), k, transfer(k), growth.today(), background.omegaM(), background.hubbleDistance());
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
