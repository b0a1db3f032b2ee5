package io.emuflow.cosmology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Eisenstein &amp; Hu 1999 transfer function without neutrinos, its sigma8 normalisation and its named model. */
class EisensteinHu1999Test {
    /**
     * Without massive neutrinos EH99 has no baryon oscillations, so it follows EH98's no-wiggle form (same authors,
     * same physics): within 3% for k up to 10 h/Mpc, and T -> 1 on large scales.
     */
    @Test
    void followsTheNoWiggleFormOfEisensteinHu1998() {
        double h = 0.7;
        EisensteinHu1999 eh99 = new EisensteinHu1999(0.3, 0.05, h, 2.7255);
        EisensteinHu eh98 = new EisensteinHu(0.3, 0.05, h, 2.7255);
        double worst = 0;
        for (double kh = 1e-4; kh < 10; kh *= 1.2) {
            double ratio = eh99.transfer(kh * h) / eh98.transferNoWiggle(kh * h);
            worst = Math.max(worst, Math.abs(ratio - 1));
        }
        assertTrue(worst < 0.03, "max |T_EH99 / T_EH98,nw - 1| = " + worst);
        assertEquals(1.0, eh99.transfer(1e-6), 1e-5);
    }

    /** sigma(8/h Mpc) equals sigma8, and sigma(R) agrees with the cosmology package's own integral (another grid). */
    @Test
    void sigma8NormalisationAgreesWithTheVarianceIntegral() {
        double h = 0.6766;
        EisensteinHu1999 eh99 = new EisensteinHu1999(0.31, 0.049, h, 2.728);
        Sigma8Power power = new Sigma8Power(eh99::transfer, 0.9665, 0.8102, h, Variance::topHat);
        assertEquals(0.8102, power.sigma(8 / h), 1e-12);
        for (double r : new double[] {1, 8 / h, 30}) {
            assertEquals(Variance.sigma(power::power, r), power.sigma(r), 1e-4 * power.sigma(r), "R = " + r);
        }
    }

    /** The named model "eisenstein-hu-1999" of MatterPowerSpectrum is EH99's shape normalised by A_s. */
    @Test
    void namedLinearModelUsesTheEh99Shape() {
        CosmologyParams p = CosmologyParams.lcdm(70, 0.0245, 0.1225, 3.05, 0.96);
        MatterPowerSpectrum eh99 = MatterPowerSpectrum.create(p, LinearModel.named("eisenstein-hu-1999"));
        MatterPowerSpectrum noWiggle = MatterPowerSpectrum.create(p, LinearModel.EH_NO_WIGGLE);
        EisensteinHu1999 transfer = new EisensteinHu1999(0.3, 0.05, 0.7, Background.T_CMB);
        EisensteinHu eh98 = EisensteinHu.of(eh99.background(), Background.T_CMB);
        for (double k : new double[] {1e-3, 0.05, 0.2, 1}) {
            double expected = noWiggle.linearToday(k) * Math.pow(transfer.transfer(k) / eh98.transferNoWiggle(k), 2);
            assertEquals(expected, eh99.linearToday(k), 1e-9 * expected, "k = " + k);
        }
    }
}
