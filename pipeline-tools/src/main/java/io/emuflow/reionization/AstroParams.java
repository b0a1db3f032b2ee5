package io.emuflow.reionization;

/**
 * The astrophysical parameters of 21cmFAST's mass-independent ionizing efficiency model.
 *
 * @param zeta HII_EFF_FACTOR, ionizing photons per collapsed baryon that reach the IGM (>= 0)
 * @param log10Tvir ION_Tvir_MIN, log10 of the minimum virial temperature (K) of ionizing halos
 * @param rBubbleMax R_BUBBLE_MAX, the largest filter radius (comoving Mpc), a proxy for the photons' mean free path
 */
public record AstroParams(double zeta, double log10Tvir, double rBubbleMax) {

    public AstroParams {
        if (!(zeta >= 0) || Double.isInfinite(zeta)) {
            throw new IllegalArgumentException("HII_EFF_FACTOR must be a finite number >= 0, got " + zeta);
        }
        if (!(log10Tvir >= 2 && log10Tvir <= 9)) {
            throw new IllegalArgumentException("ION_Tvir_MIN (log10 K) must lie in [2, 9], got " + log10Tvir);
        }
        if (!(rBubbleMax > 0) || Double.isInfinite(rBubbleMax)) {
            throw new IllegalArgumentException("R_BUBBLE_MAX must be a positive number of Mpc, got " + rBubbleMax);
        }
    }

    /** The fiducial point of the 21cmFAST reference figures. */
    public static AstroParams fiducial() {
        return new AstroParams(30, 4.7, 15);
    }

    public double tVir() {
        return Math.pow(10, log10Tvir);
    }
}
