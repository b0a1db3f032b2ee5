package io.emuflow.cosmology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Eisenstein & Hu 1998 and the growth factor against CCL's own benchmark figures (reference/ccl, see its README):
 * flat cosmologies with no radiation, Omega_c 0.25, Omega_b 0.05, h 0.7, n_s 0.96; EH spectra normalised to sigma8 0.8.
 */
class CclBenchmarkTest {
    private static final double H = 0.7;
    private static final double OMEGA_B = 0.05;
    private static final double OMEGA_M = 0.30;

    @Test
    void eisensteinHuWithWigglesMatchesCcl() {
        EisensteinHu eh = new EisensteinHu(OMEGA_M, OMEGA_B, H, 2.725);
        assertMatchesCcl("/reference/ccl/model1_pk_eh.txt", eh::transfer);
    }

    @Test
    void eisensteinHuNoWiggleMatchesCcl() {
        EisensteinHu eh = new EisensteinHu(OMEGA_M, OMEGA_B, H, 2.725);
        assertMatchesCcl("/reference/ccl/model1_nowig_pk_eh.txt", eh::transferNoWiggle);
    }

    /** P = A k^n_s T^2, with A fixed by sigma8 = 0.8, compared in CCL's units (h/Mpc, (Mpc/h)^3). */
    private static void assertMatchesCcl(String resource, DoubleUnaryOperator transfer) {
        DoubleUnaryOperator shape = k -> Math.pow(k, 0.96) * Math.pow(transfer.applyAsDouble(k), 2);
        double sigma = Variance.sigma(shape, 8 / H);
        double amplitude = 0.8 * 0.8 / (sigma * sigma);
        List<double[]> rows = Reference.table(resource);
        assertTrue(rows.size() > 30);
        double worst = 0;
        for (double[] row : rows) {
            double k = row[0] * H;
            double expected = row[1];
            double actual = amplitude * shape.applyAsDouble(k) * H * H * H;
            worst = Math.max(worst, Math.abs(actual / expected - 1));
        }
        assertTrue(worst < 1e-4, resource + ": worst relative difference " + worst);
    }

    @Test
    void growthMatchesCclForAllFiveModels() {
        double[][] darkEnergy = {{0.7, -1, 0}, {0.7, -0.9, 0}, {0.7, -0.9, 0.1}, {0.65, -0.9, 0.1}, {0.75, -0.9, 0.1}};
        List<double[]> rows = Reference.table("/reference/ccl/growth_model1-5.txt");
        assertEquals(6, rows.size());
        for (int model = 0; model < 5; model++) {
            double omegaK = 1 - OMEGA_M - darkEnergy[model][0];
            Background background = new Background(H, OMEGA_M, OMEGA_B, 0, omegaK, darkEnergy[model][1], darkEnergy[model][2]);
            assertEquals(darkEnergy[model][0], background.omegaDe(), 1e-12);
            GrowthFactor growth = new GrowthFactor(background);
            for (double[] row : rows) {
                double expected = row[1 + model];
                assertEquals(expected, growth.d(row[0]), 1e-4 * expected, "model " + (model + 1) + " z = " + row[0]);
            }
        }
    }

    @Test
    void growthInMatterOnlyUniverseIsTheScaleFactor() {
        GrowthFactor growth = new GrowthFactor(new Background(0.7, 1.0, 0.05, 0, 0, -1, 0));
        for (double z : new double[] {0, 0.5, 3, 50}) {
            assertEquals(1 / (1 + z), growth.d(z), 1e-7);
        }
    }
}
