package io.emuflow.halomodel;

/**
 * The Fourier transform of the NFW density profile (Navarro, Frenk &amp; White 1997, ApJ 490, 493, eq. 1) truncated at
 * the halo radius and normalised to the halo mass (Cooray &amp; Sheth 2002, Phys. Rep. 372, 1, eq. 81):
 * u(k|M) = [sin x (Si((1+c)x) - Si(x)) - sin(cx) / ((1+c)x) + cos x (Ci((1+c)x) - Ci(x))] / m(c),
 * x = k r_s, r_s = R_Delta / c, m(c) = ln(1+c) - c/(1+c). u -&gt; 1 as k -&gt; 0.
 */
public final class NfwProfile {
    /**
     * Below k R_Delta = (1+c) x = 0.01 the second-order series
     * u = 1 - k^2 &lt;r^2&gt; / 6 is used: the next term, k^4 &lt;r^4&gt; / 120 &lt; (k R_Delta)^4 / 120, is below 1e-9.
     */
    private static final double SMALL = 1e-2;

    private NfwProfile() {}

    /**
     * @param x k r_s
     * @param c concentration R_Delta / r_s
     * @param scratch a two-element array for {Si, Ci}
     */
    public static double fourier(double x, double c, double[] scratch) {
        double opc = 1 + c;
        double mc = MassDefinition.nfwMass(c);
        if (opc * x < SMALL) {
            // mass-weighted <r^2> / r_s^2 = int_0^c y^3 / (1+y)^2 dy / m(c) = (c^2/2 - 2c + 3 ln(1+c) - c/(1+c)) / m(c)
            double r2 = (c * c / 2 - 2 * c + 3 * Math.log1p(c) - c / opc) / mc;
            return 1 - x * x * r2 / 6;
        }
        SineCosineIntegrals.sici(x, scratch);
        double si1 = scratch[0];
        double ci1 = scratch[1];
        SineCosineIntegrals.sici(opc * x, scratch);
        double sin = Math.sin(x);
        double cos = Math.cos(x);
        return (sin * (scratch[0] - si1) - Math.sin(c * x) / (opc * x) + cos * (scratch[1] - ci1)) / mc;
    }
}
