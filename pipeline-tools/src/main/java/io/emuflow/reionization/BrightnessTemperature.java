package io.emuflow.reionization;

/**
 * 21-cm brightness temperature offset in the limit T_S &gt;&gt; T_CMB, without peculiar-velocity terms (Furlanetto,
 * Oh &amp; Briggs 2006, eq. 2.19; Mesinger, Furlanetto &amp; Cen 2011, eq. 1 with T_S &gt;&gt; T_CMB):
 * T_b = 27 mK x_HI (1 + delta) (Omega_b h^2 / 0.023) [0.15 / (Omega_m h^2) (1 + z) / 10]^(1/2).
 */
public final class BrightnessTemperature {
    private BrightnessTemperature() {}

    /** The prefactor in mK: T_b of neutral gas at the mean density. */
    public static double prefactor(ReionCosmology cosmology, double z) {
        double h2 = cosmology.h() * cosmology.h();
        return 27 * (cosmology.omegaB() * h2 / 0.023) * Math.sqrt(0.15 / (cosmology.omegaM() * h2) * (1 + z) / 10);
    }

    /** T_b box (mK) from the neutral fraction and density contrast boxes. */
    public static double[] box(ReionCosmology cosmology, double z, double[] neutralFraction, double[] density) {
        if (neutralFraction.length != density.length) {
            throw new IllegalArgumentException("neutral fraction and density boxes differ in size: "
                    + neutralFraction.length + " vs " + density.length);
        }
        double factor = prefactor(cosmology, z);
        double[] tb = new double[density.length];
        for (int c = 0; c < tb.length; c++) {
            tb[c] = factor * neutralFraction[c] * (1 + density[c]);
        }
        return tb;
    }
}
