package io.emuflow.halomodel;

/**
 * The Fourier transform of the NFW density profile (Navarro, Frenk &amp; White 1997, ApJ 490, 493, eq. 1) truncated at
 * the halo radius and normalised to the halo mass (Cooray &amp; Sheth 2002, Phys. Rep. 372, 1, eq. 81):
 * u(k|M) = [sin x (Si((1+c)x) - Si(x)) - sin(cx) / ((1+c)x) + cos x (Ci((1+c)x) - Ci(x))] / m(c),
 * x = k r_s, r_s = R_Delta / c, m(c) = ln(1+c) - c/(1+c). u -&gt; 1 as k -&gt; 0.
 */
public final class NfwProfile {
    /**
     * Below k R_Delta = (1+c) x = 0.2 the series u = 1 - k^2 &lt;r^2&gt; / 3! + k^4 &lt;r^4&gt; / 5! (sin(kr)/(kr) expanded, averaged
     * over the mass) is used: the next term, k^6 &lt;r^6&gt; / 7! &lt; (k R_Delta)^6 / 5040, is below 1.3e-8. It saves about
     * half of the Si/Ci evaluations of the simulator's grid.
     */
    private static final double SMALL = 0.2;

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
            // mass-weighted <r^n> / r_s^n = int_0^c y^(n+1) / (1+y)^2 dy / m(c); with w = 1 + y:
            // n = 2: [w^2/2 - 3w + 3 ln w + 1/w] from 1 to 1+c = c^2/2 - 2c + 3 ln(1+c) - c/(1+c)
            // n = 4: [w^4/4 - 5w^3/3 + 5w^2 - 10w + 5 ln w + 1/w] from 1 to 1+c
            double lnw = Math.log1p(c);
            double r2 = (c * c / 2 - 2 * c + 3 * lnw - c / opc) / mc;
            double w2 = opc * opc;
            double r4 = (w2 * w2 / 4 - 5 * w2 * opc / 3 + 5 * w2 - 10 * opc + 5 * lnw + 1 / opc - (0.25 - 5.0 / 3 + 5 - 10 + 1)) / mc;
            double x2 = x * x;
            return 1 - x2 * r2 / 6 + x2 * x2 * r4 / 120;
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
