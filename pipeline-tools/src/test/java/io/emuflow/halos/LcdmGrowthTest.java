package io.emuflow.halos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emuflow.cosmology.Background;
import io.emuflow.cosmology.GrowthFactor;
import org.junit.jupiter.api.Test;

/** The growth functions against independent figures: Einstein-de Sitter, Carroll et al. 1992, Linder 2005, the ODE. */
class LcdmGrowthTest {

    @Test
    void einsteinDeSitterGrowsAsTheScaleFactor() {
        LcdmGrowth g = new LcdmGrowth(1.0);
        for (double a : new double[] {0.05, 0.1, 0.3, 0.7, 1.0}) {
            assertEquals(a, g.d1(a), 1e-9 * a, "D(a) = a in EdS");
            assertEquals(1.0, g.f1(a), 1e-9, "f = 1 in EdS");
            assertEquals(-3.0 / 7.0 * a * a, g.d2(a), 1e-9, "D2 = -3/7 D^2 in EdS (Bouchet et al. 1995)");
        }
    }

    @Test
    void lambdaCdmSuppressionMatchesCarrollPressTurner() {
        double om = 0.3;
        LcdmGrowth g = new LcdmGrowth(om);
        // D(a) -> a D(1)_unnormalised^-1 early on, so D(1)/a_early ratio gives the suppression factor g(Omega) today
        double a = 1e-3;
        double suppression = a / g.d1(a);
        double ol = 1 - om;
        // Carroll, Press & Turner 1992 (ARA&A 30, 499), eq. 29: accurate to about 1%
        double cpt = 2.5 * om / (Math.pow(om, 4.0 / 7.0) - ol + (1 + om / 2) * (1 + ol / 70));
        assertEquals(cpt, suppression, 0.01 * cpt);
        // Linder 2005 (PRD 72, 043529): f = Omega_m(a)^0.55 to about 0.5% in LambdaCDM
        for (double s : new double[] {0.2, 0.5, 1.0}) {
            assertEquals(Math.pow(g.omegaMAt(s), 0.55), g.f1(s), 0.005);
        }
    }

    @Test
    void agreesWithTheCosmologyPackagesGrowthOde() {
        for (double om : new double[] {0.1, 0.3175, 0.5}) {
            LcdmGrowth g = new LcdmGrowth(om);
            double h = 0.6711;
            // the cosmology package integrates the growth ODE numerically (here without radiation, as the N-body)
            GrowthFactor ode = new GrowthFactor(new Background(h, om, 0.049, 0, 0, -1, 0));
            for (double a : new double[] {0.1, 0.25, 0.5, 0.8}) {
                assertEquals(ode.normalized(1 / a - 1), g.d1(a), 1e-4 * g.d1(a), "Omega_m " + om + " a " + a);
            }
        }
    }

    @Test
    void momentumAndForceFactorsSatisfyTheGrowthEquation() {
        LcdmGrowth g = new LcdmGrowth(0.3);
        for (double a : new double[] {0.1, 0.4, 0.9}) {
            double eps = 1e-5;
            double dgp = (g.gp(a + eps) - g.gp(a - eps)) / (2 * eps);
            // d(a^3 E D')/da = (3/2) Omega_m D / (a^2 E), i.e. a E dG_p/da = G_f
            assertEquals(g.gf(a), a * g.e(a) * dgp, 1e-6 * g.gf(a));
        }
    }

    @Test
    void everyCornerOfTheSimulatorsBoxIsNormalisedToItsSigma8() {
        // low Omega_m with high sigma_8 needs a large A_s (ln10As about 5.9): the study's corners must not fail
        for (double omegaM : new double[] {0.1, 0.6}) {
            double k = 0.1;
            double high = HaloSimulation.linearPower(omegaM, 1.2).applyAsDouble(k);
            double low = HaloSimulation.linearPower(omegaM, 0.4).applyAsDouble(k);
            org.junit.jupiter.api.Assertions.assertEquals(9.0, high / low, 1e-6, "P scales as sigma_8^2 at Omega_m " + omegaM);
        }
    }
}
