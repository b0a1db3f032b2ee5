package io.emuflow.halomodel;

import java.util.Arrays;
import java.util.List;

/**
 * Matter-matter, galaxy-matter and galaxy-galaxy power spectra of the halo model with an HOD (Seljak 2000, MNRAS 318,
 * 203; Cooray &amp; Sheth 2002, Phys. Rep. 372, 1, eqs. 94-96 for matter, and sect. 5 for galaxies), in h units
 * (k in h/Mpc, P in (Mpc/h)^3). With n(M) = dn/dM, u = u(k|M) the NFW transform ({@link NfwProfile}) and
 * n_g = int n (N_c + N_s) dM:
 * <pre>
 *   P_mm^1h = int n (M/rho)^2 u^2 dM                    P_mm^2h = P_lin I_m^2
 *   P_gm^1h = int n (M/rho) u (N_c + N_s u) dM / n_g    P_gm^2h = P_lin I_m I_g
 *   P_gg^1h = int n (2 N_c N_s u + N_s^2 u^2) dM / n_g^2 P_gg^2h = P_lin I_g^2
 *   I_m = int n b (M/rho) u dM + (1 - int n b (M/rho) dM) u(k|M_low)
 *   I_g = int n b (N_c + N_s u) dM / n_g
 * </pre>
 * N_c and N_s are averaged over each mass bin exactly ({@link Hod#binMeans}), N_c N_s and N_s^2 by sub-sampling
 * where the central step is narrower than a bin ({@link Hod#binProductMeans}). Satellites are Poisson distributed (&lt;N_s (N_s - 1)&gt; = N_s^2) and share the matter's NFW profile. The term in
 * I_m after the integral puts the halo mass the grid misses (all of it below M_min) back as one halo at
 * M_low = M_min / sqrt(10): since int n b M/rho dM = 1 over all masses (the peak-background split's consistency
 * relation), I_m -&gt; 1 and P_mm^2h -&gt; P_lin as k -&gt; 0, and P_gm^2h -&gt; b_g P_lin, P_gg^2h -&gt; b_g^2 P_lin with
 * b_g = I_g(k -&gt; 0) the galaxies' mean bias. This is the normalisation of the CCL benchmark (reference/ccl/README.md)
 * and of Mead et al. 2020 as G3LHalo_python applies it; likewise the mass fraction missing from the 1-halo integral
 * is put back at M_low. Galaxy integrals need no such term: the HOD cuts galaxies off at low mass.
 */
public final class HaloModel {
    /** Output order of {@link #spectra}. */
    public static final List<String> NAMES = List.of("P_lin", "P_mm_1h", "P_mm_2h", "P_mm", "P_gm_1h", "P_gm_2h", "P_gm", "P_gg_1h",
            "P_gg_2h", "P_gg");

    private HaloModel() {}

    /**
     * All ten spectra at wavenumbers kh (h/Mpc). Galaxy spectra are NaN when the HOD puts no galaxies in the mass range
     * (n_g not positive and finite).
     *
     * @return [10][kh.length] in the order of {@link #NAMES}
     */
    public static double[][] spectra(Halos halos, Hod hod, double[] kh) {
        LinearTheory linear = halos.linear();
        double rho = linear.rhoM();
        int n = halos.mass.length;
        double[] fraction = new double[n]; // n dM M / rho
        double[] nc = new double[n];
        double[] ns = new double[n];
        double[] ncns = new double[n];
        double[] ns2 = new double[n];
        double massSum = 0;
        double biasSum = 0;
        double ng = 0;
        for (int i = 0; i < n; i++) {
            fraction[i] = halos.number[i] * halos.mass[i] / rho;
            massSum += fraction[i];
            biasSum += fraction[i] * halos.bias[i];
            double lnCentre = Math.log(halos.mass[i]);
            double half = 0.5 * halos.width * Math.log(10);
            double[] means = hod.binMeans(lnCentre - half, lnCentre + half);
            nc[i] = means[0];
            ns[i] = means[1];
            double[] products = hod.binProductMeans(lnCentre - half, lnCentre + half);
            ncns[i] = products == null ? nc[i] * ns[i] : products[0];
            ns2[i] = products == null ? ns[i] * ns[i] : products[1];
            ng += halos.number[i] * (nc[i] + ns[i]);
        }
        boolean galaxies = ng > 0 && Double.isFinite(ng);
        double missingMass = 1 - massSum;
        double missingBias = 1 - biasSum;
        double lowFraction = halos.lowMass / rho;
        double[][] out = new double[NAMES.size()][kh.length];
        double[] scratch = new double[2];
        for (int j = 0; j < kh.length; j++) {
            double k = kh[j];
            double plin = linear.power(k, halos.epoch().z());
            double uLow = NfwProfile.fourier(k * halos.lowScaleRadius, halos.lowConcentration, scratch);
            double im = missingBias * uLow;
            double mm1 = missingMass * lowFraction * uLow * uLow;
            double ig = 0;
            double gm1 = 0;
            double gg1 = 0;
            for (int i = 0; i < n; i++) {
                double u = NfwProfile.fourier(k * halos.scaleRadius[i], halos.concentration[i], scratch);
                double f = fraction[i];
                im += f * halos.bias[i] * u;
                double fm = f * halos.mass[i] / rho;
                mm1 += fm * u * u;
                double number = halos.number[i];
                double g = nc[i] + ns[i] * u;
                ig += number * halos.bias[i] * g;
                gm1 += f * u * g;
                gg1 += number * (2 * ncns[i] * u + ns2[i] * u * u);
            }
            ig /= ng;
            gm1 /= ng;
            gg1 /= ng * ng;
            double mm2 = plin * im * im;
            double gm2 = plin * im * ig;
            double gg2 = plin * ig * ig;
            out[0][j] = plin;
            out[1][j] = mm1;
            out[2][j] = mm2;
            out[3][j] = mm1 + mm2;
            out[4][j] = gm1;
            out[5][j] = gm2;
            out[6][j] = gm1 + gm2;
            out[7][j] = gg1;
            out[8][j] = gg2;
            out[9][j] = gg1 + gg2;
        }
        if (!galaxies) {
            for (int t = 4; t < out.length; t++) {
                Arrays.fill(out[t], Double.NaN);
            }
        }
        return out;
    }
}
