package io.emuflow.cosmology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Takahashi et al. 2012 Halofit fed CLASS's own linear spectrum (reference/class/pk_public.csv, 21 cosmologies,
 * z = 0..3, 1e-4..5/Mpc) against CLASS's Halofit P_nl. The table is extended beyond its ends with the simulator's
 * own linear shape, as Halofit's integrals need the spectrum beyond 5/Mpc.
 */
class HalofitClassTest {

    @Test
    void halofitOnClassLinearSpectrumMatchesClassNonlinear() {
        int spectra = 0;
        for (Reference.ClassSpectrum s : Reference.classSpectra()) {
            MatterPowerSpectrum own = MatterPowerSpectrum.create(s.params(), LinearModel.CORRECTED);
            TabulatedSpectrum table = new TabulatedSpectrum(s.k(), s.pLin(), own::linearToday);
            double a = 1 / (1 + s.z());
            Background bg = own.background();
            Halofit halofit = Halofit.of(table, bg.omegaM(a), bg.omegaDe(a), bg.w(a));
            double[] nonlinear = halofit.nonlinearPower(s.k(), s.pLin());
            double tolerance = s.z() <= 2 ? 3e-3 : 1e-2;
            for (int i = 0; i < s.k().length; i++) {
                double error = Math.abs(nonlinear[i] / s.pNl()[i] - 1);
                assertTrue(error <= tolerance, "cosmology " + s.id() + " z = " + s.z() + " k = " + s.k()[i] + ": error " + error);
            }
            spectra++;
        }
        assertEquals(21 * 5, spectra);
    }

    @Test
    void halofitIsLinearOnLargeScalesAndBoostsSmallScales() {
        MatterPowerSpectrum p = MatterPowerSpectrum.create(CosmologyParams.lcdm(67.36, 0.02237, 0.12, 3.044, 0.9649), LinearModel.EH_WIGGLE);
        double[] k = {1e-4, 1.0};
        double[] lin = p.linear(k, 0);
        double[] nl = p.nonlinear(k, 0);
        assertEquals(1.0, nl[0] / lin[0], 1e-3);
        assertTrue(nl[1] / lin[1] > 5, "strong nonlinear boost expected at k = 1/Mpc, z = 0");
    }
}
