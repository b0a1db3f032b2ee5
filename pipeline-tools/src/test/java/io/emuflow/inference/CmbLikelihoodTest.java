package io.emuflow.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.junit.jupiter.api.Test;

/** The CV-limited TT+TE+EE likelihood on real CLASS spectra (the repository's 64-row subset). */
class CmbLikelihoodTest {
    private static final Path TABLE = Path.of("src/test/resources/reference/class-cmb/cmb_subset.h5");

    private static double[] ell;
    private static double[][] spectra(int row) {
        try (HdfFile file = new HdfFile(TABLE)) {
            ell = Arrays.stream((long[]) file.getDatasetByPath("/ell").getData()).asDoubleStream().toArray();
            double[][] out = new double[3][];
            String[] names = {"tt", "te", "ee"};
            for (int s = 0; s < 3; s++) {
                float[] v = ((float[][]) file.getDatasetByPath("/" + names[s]).getData())[row];
                out[s] = new double[v.length];
                for (int j = 0; j < v.length; j++) {
                    out[s][j] = v[j];
                }
            }
            return out;
        }
    }

    @Test
    void everyMultipoleFrom2To2508IsCountedOnce() {
        spectra(0);
        double[] n = CmbLikelihood.multipolesPerNode(ell);
        assertEquals(2507, Arrays.stream(n).sum(), 0.0);
        assertEquals(1, n[0], 0.0);      // l = 2
        assertEquals(1, n[27], 0.0);     // l = 29
        assertEquals(5, n[100], 0.0);    // a node in the 5-spaced part
        assertTrue(n[n.length - 1] >= 1 && n[n.length - 1] <= 3, "l = 2508 after 2505: " + n[n.length - 1]);
    }

    @Test
    void withoutTeTheTtTermIsKnoxsVariance() {
        double[][] fiducial = spectra(0);
        double[][] noTe = {fiducial[0], new double[ell.length], fiducial[2]};
        double fSky = 0.4;
        CmbLikelihood likelihood = new CmbLikelihood(ell, noTe, noTe, fSky);
        double[] counts = CmbLikelihood.multipolesPerNode(ell);
        int j = 200;
        double sigma = Math.sqrt(2.0 / ((2 * ell[j] + 1) * fSky * counts[j])) * noTe[0][j]; // Knox 1995
        double[] model = new double[3 * ell.length];
        for (int s = 0; s < 3; s++) {
            System.arraycopy(noTe[s], 0, model, s * ell.length, ell.length);
        }
        double best = likelihood.logLikelihood(model);
        model[j] += 1.5 * sigma;
        assertEquals(1.5 * 1.5, -2 * (likelihood.logLikelihood(model) - best), 1e-9);
    }

    /** Residuals drawn from the stated covariance give chi^2 with mean 3 x nodes and variance 2 x 3 x nodes. */
    @Test
    void residualsDrawnFromTheCovarianceHaveTheExpectedChiSquared() {
        double[][] fiducial = spectra(3);
        double fSky = 0.4;
        CmbLikelihood likelihood = new CmbLikelihood(ell, fiducial, fiducial, fSky);
        double[] counts = CmbLikelihood.multipolesPerNode(ell);
        int nodes = ell.length;
        double[][] lower = new double[nodes][];
        for (int j = 0; j < nodes; j++) {
            double tt = fiducial[0][j];
            double te = fiducial[1][j];
            double ee = fiducial[2][j];
            double modes = (2 * ell[j] + 1) * fSky * counts[j];
            double[][] c = {{2 * tt * tt / modes, 2 * tt * te / modes, 2 * te * te / modes},
                {2 * tt * te / modes, (tt * ee + te * te) / modes, 2 * ee * te / modes},
                {2 * te * te / modes, 2 * ee * te / modes, 2 * ee * ee / modes}};
            double[][] l = new CholeskyDecomposition(new Array2DRowRealMatrix(c), 1e-12, 0).getL().getData();
            lower[j] = new double[] {l[0][0], l[1][0], l[1][1], l[2][0], l[2][1], l[2][2]};
        }
        double[] model = new double[3 * nodes];
        double best = likelihood.logLikelihood(flat(fiducial));
        SplittableRandom random = new SplittableRandom(1);
        int draws = 200;
        double sum = 0;
        for (int d = 0; d < draws; d++) {
            for (int j = 0; j < nodes; j++) {
                double g0 = gaussian(random);
                double g1 = gaussian(random);
                double g2 = gaussian(random);
                double[] l = lower[j];
                model[j] = fiducial[0][j] + l[0] * g0;
                model[nodes + j] = fiducial[1][j] + l[1] * g0 + l[2] * g1;
                model[2 * nodes + j] = fiducial[2][j] + l[3] * g0 + l[4] * g1 + l[5] * g2;
            }
            sum += -2 * (likelihood.logLikelihood(model) - best);
        }
        double mean = sum / draws;
        double expected = 3.0 * nodes;
        double error = Math.sqrt(2 * expected / draws);
        assertEquals(expected, mean, 4 * error, "mean chi^2 of draws from the covariance");
    }

    @Test
    void badInputIsRefused() {
        double[][] fiducial = spectra(0);
        assertThrows(IllegalArgumentException.class, () -> new CmbLikelihood(ell, fiducial, fiducial, 0));
        double[][] negative = {fiducial[0].clone(), fiducial[1], fiducial[2]};
        negative[0][10] = -1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CmbLikelihood(ell, negative, fiducial, 0.4));
        assertTrue(e.getMessage().contains("l = 12"), e.getMessage());
    }

    private static double[] flat(double[][] s) {
        double[] out = new double[3 * s[0].length];
        for (int k = 0; k < 3; k++) {
            System.arraycopy(s[k], 0, out, k * s[0].length, s[0].length);
        }
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
