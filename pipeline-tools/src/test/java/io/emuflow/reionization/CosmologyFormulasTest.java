package io.emuflow.reionization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.cosmology.LinearGrowth;
import io.emuflow.cosmology.Sigma8Power;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/** The 21-cm simulator's cosmology (21cmFAST's forms, from package cosmology) against independent figures and formulas. */
class CosmologyFormulasTest {
    // CCL benchmark cosmology (model 1): Omega_c 0.25, Omega_b 0.05, h 0.7, sigma8 0.8, n_s 0.96
    private static final ReionCosmology CCL = new ReionCosmology(0.7, 0.30, 0.05, 0.8, 0.96);

    /** sigma(8/h Mpc) equals sigma8, by an independent adaptive Gauss-Legendre integration of k^2 P W^2 / 2 pi^2. */
    @Test
    void normalisedToSigma8() {
        Sigma8Power power = ReionCosmology.fiducial().linearPower();
        double r8 = 8 / 0.6766;
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(16, 1e-9, 1e-12);
        double variance = 0;
        double[] breaks = {1e-6, 1e-3, 1e-2, 0.1, 0.5, 1, 2, 5, 10, 50, 200};
        for (int i = 0; i + 1 < breaks.length; i++) {
            variance += integrator.integrate(1_000_000, k -> {
                double w = 3 * (Math.sin(k * r8) - k * r8 * Math.cos(k * r8)) / Math.pow(k * r8, 3);
                return k * k * power.power(k) * w * w / (2 * Math.PI * Math.PI);
            }, breaks[i], breaks[i + 1]);
        }
        assertEquals(0.8102, Math.sqrt(variance), 1e-4);
        assertEquals(0.8102, power.sigma(r8), 1e-12);
    }

    /**
     * 21cmFAST's transfer function (Eisenstein &amp; Hu 1999 without neutrinos) against CCL's Eisenstein &amp; Hu
     * 1998 no-wiggle P(k) at z = 0: two fits of the same authors to the same physics, both normalised to sigma8.
     * They agree to 1.9% for k &lt; 10 h/Mpc (measured); the test allows 2.5%.
     */
    @Test
    void linearSpectrumAgreesWithCclNoWiggleEisensteinHu() throws IOException {
        Sigma8Power power = CCL.linearPower();
        double h = 0.7;
        int checked = 0;
        for (double[] row : table("ccl_model1_nowig_pk_eh.txt")) {
            double kh = row[0];
            if (kh > 10) {
                continue;
            }
            double mine = power.power(kh * h) * h * h * h;
            assertEquals(row[1], mine, 0.025 * row[1], "k = " + kh + " h/Mpc");
            checked++;
        }
        assertTrue(checked > 20);
        assertEquals(1.0, power.transfer(1e-6), 1e-5);
    }

    /** The Carroll-Press-Turner growth matches CCL's integrated growth (model 1) to 0.2% (its published accuracy ~1%). */
    @Test
    void growthAgreesWithCcl() throws IOException {
        LinearGrowth growth = CCL.growth();
        List<double[]> rows = table("ccl_growth_model1-5.txt");
        double today = rows.get(0)[1];
        for (double[] row : rows) {
            assertEquals(row[1] / today, growth.normalized(row[0]), 0.002 * row[1] / today, "z = " + row[0]);
        }
        assertThrows(IllegalArgumentException.class, () -> growth.normalized(-1));
    }

    /** The closed form of the Sheth-Tormen fraction equals a direct integral of the multiplicity function. */
    @Test
    void shethTormenFractionMatchesItsIntegral() {
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(16, 1e-10, 1e-14);
        for (double sigmaD : new double[] {0.3, 0.8, 2.0, 5.0}) {
            double nu0 = Math.sqrt(HaloAbundance.SHETH_A_SMALL) * HaloAbundance.DELTA_C / sigmaD;
            double integral = integrator.integrate(10_000_000, nu -> HaloAbundance.SHETH_A * Math.sqrt(2 / Math.PI)
                    * (1 + Math.pow(nu, -2 * HaloAbundance.SHETH_P)) * Math.exp(-nu * nu / 2), nu0, nu0 + 40);
            assertEquals(integral, HaloAbundance.shethTormenFraction(sigmaD, 1.0), 1e-8 * integral + 1e-300);
        }
    }

    @Test
    void erfcTableIsAccurate() {
        for (double x = -7; x < 12; x += 0.0123) {
            assertEquals(Erf.erfc(x), HaloAbundance.erfc(x), 1e-8 * Math.max(Erf.erfc(x), 1e-10));
        }
        assertEquals(2.0, HaloAbundance.erfc(Double.NEGATIVE_INFINITY));
    }

    /**
     * Barkana &amp; Loeb 2001 eq. 26 against 21cmFAST's numerical form of it, 7030.97/h sqrt(Omega_m(z) / (Omega_m
     * Delta_c)) (T / (mu (1+z)))^(3/2) M_sun, evaluated independently (Python) at z = 8: 1.2509e9 M_sun for
     * 10^4.7 K (mu = 0.6) and 2.7222e7 M_sun for 10^3.9 K (mu = 1.22, neutral gas).
     */
    @Test
    void minimumMassFromVirialTemperature() {
        ReionCosmology fiducial = ReionCosmology.fiducial();
        assertEquals(1.250920e9, HaloAbundance.minimumMass(fiducial, 8, Math.pow(10, 4.7)), 1e-4 * 1.25e9);
        assertEquals(2.722179e7, HaloAbundance.minimumMass(fiducial, 8, Math.pow(10, 3.9)), 1e-4 * 2.72e7);
        assertThrows(IllegalArgumentException.class, () -> HaloAbundance.minimumMass(fiducial, 8, -1));
    }

    /** 27 mK (Omega_b h^2 / 0.023) sqrt(0.15 / (Omega_m h^2) (1+z) / 10) at z = 8, evaluated independently: 25.6848 mK. */
    @Test
    void brightnessTemperaturePrefactor() {
        assertEquals(25.684840526, BrightnessTemperature.prefactor(ReionCosmology.fiducial(), 8), 1e-8);
        double[] tb = BrightnessTemperature.box(ReionCosmology.fiducial(), 8, new double[] {1, 0.5, 0}, new double[] {0, 1, 3});
        assertEquals(25.684840526, tb[0], 1e-8);
        assertEquals(25.684840526, tb[1], 1e-8);
        assertEquals(0, tb[2]);
    }

    @Test
    void rejectsUnphysicalInput() {
        assertThrows(IllegalArgumentException.class, () -> new ReionCosmology(0.7, 0.3, 0.4, 0.8, 0.96));
        assertThrows(IllegalArgumentException.class, () -> new AstroParams(-1, 4.7, 15));
        assertThrows(IllegalArgumentException.class, () -> new AstroParams(30, 4.7, 0));
        assertThrows(IllegalArgumentException.class, () -> new AstroParams(30, Double.NaN, 15));
    }

    static List<double[]> table(String name) throws IOException {
        try (InputStream in = CosmologyFormulasTest.class.getResourceAsStream("/reference/21cmfast/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            List<double[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#") || Character.isLetter(line.charAt(0))) {
                    continue;
                }
                String[] parts = line.split("[,\\s]+");
                double[] row = new double[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    row[i] = Double.parseDouble(parts[i]);
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
