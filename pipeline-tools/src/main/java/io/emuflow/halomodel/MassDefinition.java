package io.emuflow.halomodel;

import java.util.Locale;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * How a halo's mass and radius are defined: a spherical overdensity Delta relative to the mean matter density
 * (M = 4/3 pi R^3 Delta_m rho_m) or friends-of-friends groups.
 * <ul>
 *   <li>{@code 200m}: Delta_m = 200;</li>
 *   <li>{@code 200c}: 200 times the critical density, Delta_m = 200 / Omega_m(z);</li>
 *   <li>{@code vir}: the virial overdensity of Bryan &amp; Norman 1998 (ApJ 495, 80, eq. 6),
 *       Delta_c = 18 pi^2 + 82 x - 39 x^2 with x = Omega_m(z) - 1, relative to the critical density, so
 *       Delta_m = Delta_c / Omega_m(z) (the form of the CCL benchmark README);</li>
 *   <li>{@code fof}: friends-of-friends masses (linking length 0.2), the masses the Sheth &amp; Tormen 1999,
 *       Watson et al. 2013 (FoF fit) and Bhattacharya et al. 2011 mass functions were fitted to. A FoF group has no
 *       radius; for the halo profile and the SO-calibrated fits (Tinker 2008/2010) it is approximated by Delta_m = 200
 *       (an approximation, not a conversion: More et al. 2011, ApJS 195, 4, find the b = 0.2 boundary close to that
 *       overdensity for typical concentrations).</li>
 * </ul>
 * Masses of one SO definition convert to another by assuming an NFW profile (Hu &amp; Kravtsov 2003, ApJ 584, 702,
 * sect. 2 and appendix C; there a fitting formula, here the exact root): {@link #convert}.
 */
public enum MassDefinition {
    VIR("vir"),
    M200M("200m"),
    M200C("200c"),
    FOF("fof");

    private final String label;

    MassDefinition(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static MassDefinition parse(String name) {
        for (MassDefinition d : values()) {
            if (d.label.equals(name.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("mass definition '" + name + "' is unknown (vir, 200m, 200c, fof)");
    }

    /** Overdensity relative to the mean matter density at a redshift where the matter fraction is omegaMz. */
    public double deltaMean(double omegaMz) {
        return switch (this) {
            case M200M, FOF -> 200;
            case M200C -> 200 / omegaMz;
            case VIR -> {
                double x = omegaMz - 1;
                yield (18 * Math.PI * Math.PI + 82 * x - 39 * x * x) / omegaMz;
            }
        };
    }

    /** Comoving radius (Mpc/h) enclosing mass M (M_sun/h) at overdensity deltaMean times the comoving mean density rhoM. */
    public static double radius(double mass, double deltaMean, double rhoM) {
        return Math.cbrt(3 * mass / (4 * Math.PI * deltaMean * rhoM));
    }

    /** m(c) = ln(1 + c) - c / (1 + c): the NFW mass inside c scale radii in units of 4 pi rho_s r_s^3. */
    public static double nfwMass(double c) {
        return Math.log1p(c) - c / (1 + c);
    }

    /**
     * Converts the mass of an NFW halo with concentration c at overdensity deltaFrom to overdensity deltaTo
     * (both relative to the same density): the new concentration c' solves m(c') / c'^3 = (deltaTo / deltaFrom) m(c) / c^3
     * (the mean density inside c' r_s is deltaTo), and M' = M m(c') / m(c) (Hu &amp; Kravtsov 2003, eqs. 2-4 with
     * their fitting formula replaced by Brent's root).
     *
     * @return {M', c'}
     */
    public static double[] convert(double mass, double c, double deltaFrom, double deltaTo) {
        if (!(mass > 0) || !(c > 0) || !(deltaFrom > 0) || !(deltaTo > 0)) {
            throw new IllegalArgumentException("mass conversion needs positive mass, concentration and overdensities");
        }
        double target = deltaTo / deltaFrom * nfwMass(c) / (c * c * c);
        // m(x)/x^3 decreases monotonically from +inf (x -> 0) to 0
        double cNew = new BrentSolver(1e-14, 1e-14).solve(200, x -> Math.log(nfwMass(x) / (x * x * x)) - Math.log(target), 1e-4, 1e4);
        return new double[] {mass * nfwMass(cNew) / nfwMass(c), cNew};
    }
}
