package io.emuflow.cosmology;

import org.apache.commons.math3.ode.ContinuousOutputModel;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;

/**
 * Linear growth factor D(a) of matter perturbations. Source: the linear growth equation for pressureless matter in a
 * smooth background, d^2 D/dt^2 + 2 H dD/dt = 4 pi G rho_m D (Peebles 1980, The Large-Scale Structure of the Universe,
 * sect. 10; equation number not verified), rewritten with primes = d/d ln a and 4 pi G rho_m = (3/2) H^2 Omega_m(a):
 * D'' + (2 + d ln E / d ln a) D' - (3/2) Omega_m(a) D = 0.
 * This is the form used for dark energy with any w(a) by Linder & Jenkins 2003 (MNRAS 346, 573, astro-ph/0305286);
 * the equation number there was not verified. It holds for smooth (unclustered) dark energy and for curvature,
 * both entering only through E(a).
 * Integration starts deep in the radiation era from the growing mode of the Meszaros (1974, A&A 37, 225) equation,
 * delta proportional to 1 + (3/2) a/a_eq, normalised here as D = a + (2/3) a_eq (exact for matter plus radiation, the
 * same equation with radiation in E), so that D(a) -> a in the matter era, the normalisation CCL uses.
 * Checked against CCL's growth benchmark (models 1-5) in CclBenchmarkTest.
 * The solution is tabulated on a grid in ln a and read back by cubic Hermite interpolation (value and slope).
 */
public final class GrowthFactor implements LinearGrowth {
    private static final double A_START = 1e-6;
    /** The table reaches z = 1000; growth is not needed earlier. */
    private static final double Z_MAX = 1000;
    private static final int GRID = 400;

    private final double xMin;
    private final double dx;
    private final double[] d;
    private final double[] slope;
    private final double today;

    public GrowthFactor(Background background) {
        double aEq = background.omegaR() / background.omegaM();
        FirstOrderDifferentialEquations equations = new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return 2;
            }

            @Override
            public void computeDerivatives(double x, double[] y, double[] yDot) {
                double a = Math.exp(x);
                yDot[0] = y[1];
                yDot[1] = -(2 + background.dlnEdlna(a)) * y[1] + 1.5 * background.omegaM(a) * y[0];
            }
        };
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-8, 1.0, 1e-12, 1e-10);
        ContinuousOutputModel output = new ContinuousOutputModel();
        integrator.addStepHandler(output);
        double[] state = {A_START + 2.0 / 3.0 * aEq, A_START};
        integrator.integrate(equations, Math.log(A_START), state, 0.0, state);
        xMin = -Math.log(1 + Z_MAX);
        dx = -xMin / (GRID - 1);
        d = new double[GRID];
        slope = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            output.setInterpolatedTime(i == GRID - 1 ? 0.0 : xMin + i * dx);
            double[] y = output.getInterpolatedState();
            d[i] = y[0];
            slope[i] = y[1];
        }
        today = d[GRID - 1];
    }

    /** D(z), normalised so that D -> a deep in the matter era (D(0) is about 0.78 for Omega_m = 0.3). */
    public double d(double z) {
        double x = -Math.log1p(z);
        if (z < 0 || x < xMin) {
            throw new IllegalArgumentException("growth factor asked for z = " + z + ", outside [0, " + Z_MAX + "]");
        }
        int i = Math.min(GRID - 2, (int) ((x - xMin) / dx));
        double t = (x - (xMin + i * dx)) / dx;
        double t2 = t * t;
        double t3 = t2 * t;
        // cubic Hermite basis on [x_i, x_i+1]
        return (2 * t3 - 3 * t2 + 1) * d[i] + (t3 - 2 * t2 + t) * dx * slope[i]
                + (-2 * t3 + 3 * t2) * d[i + 1] + (t3 - t2) * dx * slope[i + 1];
    }

    /** D(z) / D(0). */
    @Override
    public double normalized(double z) {
        return d(z) / today;
    }

    /** D(0) in the matter-era normalisation. */
    public double today() {
        return today;
    }
}
