package io.emuflow.halomodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mass functions, halo bias and the halo-model matter power spectrum against the CCL benchmark figures
 * (reference/ccl/README.md) with CCL's own tolerances: 1% for mass functions, 0.1% for bias and for P_mm.
 */
class HaloModelCclBenchmarkTest {
    private static final double[] REDSHIFTS = {0, 0.5, 1};

    /** Mass-function benchmark cosmology: Omega_c 0.25, Omega_b 0.05, h 0.7, sigma8 0.8, n_s 0.96, T_CMB 2.7255 K. */
    private static LinearTheory model1() {
        return new LinearTheory(0.30, 0.05, 0.7, 0.8, 0.96, 2.7255);
    }

    @Test
    void tinker08MassFunctionWithinOnePercent() {
        double worst = massFunctionWorst("hmf_tinker08.txt", MassFunctionModel.TINKER08, MassDefinition.M200M, CollapseThreshold.EDS);
        assertTrue(worst < 0.01, "Tinker08 worst relative difference " + worst);
    }

    @Test
    void shethTormenMassFunctionWithinOnePercent() {
        double worst = massFunctionWorst("hmf_sheth99.txt", MassFunctionModel.SHETH_TORMEN, MassDefinition.FOF, CollapseThreshold.EDS);
        assertTrue(worst < 0.01, "Sheth-Tormen worst relative difference " + worst);
    }

    @Test
    void tinker10BiasWithinPointOnePercent() {
        double worst = biasWorst("hbf_tinker10.txt", BiasModel.TINKER10);
        assertTrue(worst < 1e-3, "Tinker10 worst relative difference " + worst);
    }

    @Test
    void shethMoTormenBiasWithinPointOnePercent() {
        double worst = biasWorst("hbf_sheth01.txt", BiasModel.SHETH_MO_TORMEN01);
        assertTrue(worst < 1e-3, "Sheth-Mo-Tormen worst relative difference " + worst);
    }

    @Test
    void haloModelMatterSpectrumOfC1AndC2WithinPointOnePercent() {
        double[][] cosmologies = {{0.3, 0.05, 0.70, 0.8, 0.96}, {0.272, 0.0455, 0.704, 0.81, 0.967}};
        String[] names = {"c1", "c2"};
        for (int c = 0; c < 2; c++) {
            double[] p = cosmologies[c];
            LinearTheory linear = new LinearTheory(p[0], p[1], p[2], p[3], p[4], 2.725);
            for (int z : new int[] {0, 1}) {
                List<double[]> rows = CclTables.table("pk_hm_" + names[c] + "_z" + z + ".txt");
                assertEquals(256, rows.size());
                double[] k = rows.stream().mapToDouble(r -> r[0]).toArray();
                Halos halos = new Halos(linear, z, HaloModelSettings.cclBenchmark());
                double[][] s = HaloModel.spectra(halos, new Hod(1, 0.5, 1e12, 1e13, 1), k);
                double worst = 0;
                double worstLin = 0;
                double worst1h = 0;
                double worst2h = 0;
                for (int i = 0; i < k.length; i++) {
                    double[] row = rows.get(i);
                    worstLin = Math.max(worstLin, Math.abs(s[0][i] / row[1] - 1));
                    worst2h = Math.max(worst2h, Math.abs(s[2][i] / row[2] - 1));
                    worst1h = Math.max(worst1h, Math.abs(s[1][i] / row[3] - 1));
                    worst = Math.max(worst, Math.abs(s[3][i] / row[4] - 1));
                }
                System.out.printf("%s z=%d: P_lin %.2e P_2h %.2e P_1h %.2e P_total %.2e%n", names[c], z, worstLin, worst2h, worst1h, worst);
                assertTrue(worst < 1e-3, names[c] + " z = " + z + ": worst relative difference of P_mm " + worst);
            }
        }
    }

    private static double massFunctionWorst(String file, MassFunctionModel model, MassDefinition definition, CollapseThreshold threshold) {
        LinearTheory linear = model1();
        double h = linear.h();
        double worst = 0;
        for (int zi = 0; zi < REDSHIFTS.length; zi++) {
            Halos halos = new Halos(linear, REDSHIFTS[zi], settings(model, BiasModel.TINKER10, definition, threshold));
            for (double[] row : CclTables.table(file)) {
                double expected = row[1 + zi];
                double actual = halos.dndlog10m(row[0] * h) * h * h * h; // M_sun -> M_sun/h, (h/Mpc)^3 -> Mpc^-3
                worst = Math.max(worst, Math.abs(actual / expected - 1));
            }
        }
        System.out.println(file + " worst " + worst);
        return worst;
    }

    private static double biasWorst(String file, BiasModel model) {
        LinearTheory linear = model1();
        double worst = 0;
        for (int zi = 0; zi < REDSHIFTS.length; zi++) {
            Halos halos = new Halos(linear, REDSHIFTS[zi], settings(MassFunctionModel.TINKER08, model, MassDefinition.M200M, CollapseThreshold.EDS));
            for (double[] row : CclTables.table(file)) {
                double expected = row[1 + zi];
                double actual = halos.bias(row[0] * linear.h());
                worst = Math.max(worst, Math.abs(actual / expected - 1));
            }
        }
        System.out.println(file + " worst " + worst);
        return worst;
    }

    private static HaloModelSettings settings(MassFunctionModel mf, BiasModel bias, MassDefinition definition, CollapseThreshold threshold) {
        return new HaloModelSettings(mf, bias, ConcentrationModel.DUFFY08, definition, threshold, 6, 16, 100);
    }
}
