package io.emuflow.cosmology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackgroundTest {

    @Test
    void einsteinDeSitterDistanceIsAnalytic() {
        Background eds = new Background(0.7, 1.0, 0.05, 0, 0, -1, 0);
        for (double z : new double[] {0.1, 1, 3}) {
            double expected = 2 * eds.hubbleDistance() * (1 - 1 / Math.sqrt(1 + z));
            assertEquals(expected, eds.comovingDistance(z), 1e-8 * expected);
        }
    }

    @Test
    void radiationMatchesPhotonAndNeutrinoDensities() {
        // photons at 2.7255 K: Omega_gamma h^2 = 2.4728e-5 (e.g. Planck 2018 / CLASS); massless neutrinos add N_eff 7/8 (4/11)^(4/3)
        double photons = Background.radiationDensity(2.7255, 0);
        assertEquals(2.4728e-5, photons, 2e-3 * 2.4728e-5);
        assertEquals(1 + 3.046 * 0.2271, Background.radiationDensity(2.7255, 3.046) / photons, 1e-3);
    }

    @Test
    void closureAndDarkEnergyScaling() {
        CosmologyParams p = new CosmologyParams(70, 0.022, 0.12, 3.0, 0.96, -0.9, 0.2, 0.02);
        Background b = Background.of(p);
        assertEquals(1.0, b.e2(1.0), 1e-14);
        assertEquals(1 - b.omegaM() - b.omegaR() - 0.02, b.omegaDe(), 1e-14);
        // w(a) = w0 + wa (1 - a): rho_de scales as exp(-3 int (1 + w) dln a); check numerically between a = 0.5 and 1
        double integral = 0;
        int n = 20000;
        for (int i = 0; i < n; i++) {
            double lnA = Math.log(0.5) * (1 - (i + 0.5) / n);
            integral += (1 + b.w(Math.exp(lnA))) * (-Math.log(0.5) / n);
        }
        assertEquals(Math.exp(3 * integral), b.darkEnergyScaling(0.5), 1e-6);
        // dlnE/dlna against a finite difference
        double a = 0.4;
        double h = 1e-5;
        double numeric = (Math.log(b.e(a * Math.exp(h))) - Math.log(b.e(a * Math.exp(-h)))) / (2 * h);
        assertEquals(numeric, b.dlnEdlna(a), 1e-8);
    }

    @Test
    void curvedW0waSpectraAreFiniteAndReduceToLcdm() {
        double[] k = {1e-3, 0.1, 1};
        MatterPowerSpectrum lcdm = MatterPowerSpectrum.create(CosmologyParams.lcdm(70, 0.022, 0.12, 3.0, 0.96), LinearModel.CORRECTED);
        MatterPowerSpectrum same = MatterPowerSpectrum.create(new CosmologyParams(70, 0.022, 0.12, 3.0, 0.96, -1, 0, 0), LinearModel.CORRECTED);
        assertEquals(lcdm.nonlinear(k, 1)[2], same.nonlinear(k, 1)[2], 0);
        MatterPowerSpectrum other = MatterPowerSpectrum.create(new CosmologyParams(70, 0.022, 0.12, 3.0, 0.96, -0.8, -0.5, 0.05), LinearModel.CORRECTED);
        double[] nl = other.nonlinear(k, 1);
        for (double v : nl) {
            assertTrue(v > 0 && Double.isFinite(v));
        }
        // less dark energy density in the past (w > -1) and positive curvature both change the growth history
        assertTrue(Math.abs(other.growth().normalized(1) / lcdm.growth().normalized(1) - 1) > 1e-3);
    }
}
