package io.emuflow.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad inputs get one line naming the problem; the likelihood, priors and grid mapping compute what they should. */
class InferenceInputsTest {
    private static final List<String> NAMES = List.of("a", "b", "z");
    private static final double[] LO = {0, -1, 0};
    private static final double[] HI = {1, 1, 2};

    /** A toy model: P(k) = a k^b on a log grid 0.01..1 (5 points), independent of z. */
    static SpectrumModel toy() {
        double[] grid = {0.01, 0.031622776601683794, 0.1, 0.31622776601683794, 1.0};
        return new SpectrumModel() {
            @Override
            public List<String> parameterNames() {
                return NAMES;
            }

            @Override
            public double[] grid() {
                return grid.clone();
            }

            @Override
            public double[][] spectra(double[][] rows) {
                double[][] out = new double[rows.length][grid.length];
                for (int i = 0; i < rows.length; i++) {
                    for (int j = 0; j < grid.length; j++) {
                        out[i][j] = rows[i][0] * Math.pow(grid[j], rows[i][1]);
                    }
                }
                return out;
            }

            @Override
            public String describe() {
                return "toy";
            }
        };
    }

    private static void assertOneLine(Exception e, String... fragments) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void dataOffTheModelsGridIsRefused() {
        ParameterSpace space = new ParameterSpace(NAMES, LO, HI, Map.of(), List.of("z"));
        DataVector data = new DataVector(new double[] {0.05, 2.0}, new double[] {0.5, 0.5}, new double[] {1, 1}, null, null);
        Exception e = assertThrows(IllegalArgumentException.class, () -> new DataModel(toy(), space, data));
        assertOneLine(e, "k = 2", "outside the grid the model predicts");
    }

    @Test
    void redshiftOutsideTheBoxIsRefused() {
        ParameterSpace space = new ParameterSpace(NAMES, LO, HI, Map.of(), List.of("z"));
        DataVector data = new DataVector(new double[] {0.05}, new double[] {3.0}, new double[] {1}, null, null);
        assertOneLine(assertThrows(IllegalArgumentException.class, () -> new DataModel(toy(), space, data)), "z = 3.0", "training box");
    }

    @Test
    void nonPositiveDefiniteCovarianceIsRefused() {
        double[][] c = {{1, 2}, {2, 1}}; // eigenvalues 3 and -1
        assertOneLine(assertThrows(IllegalArgumentException.class, () -> new GaussianLikelihood(new double[] {0, 0}, c)), "not positive definite");
        double[][] asym = {{1, 0.5}, {0.1, 1}};
        assertOneLine(assertThrows(IllegalArgumentException.class, () -> new GaussianLikelihood(new double[] {0, 0}, asym)), "not symmetric");
        assertOneLine(assertThrows(IllegalArgumentException.class, () -> new GaussianLikelihood(new double[] {0, 0, 0}, new double[][] {{1}})),
                "covariance");
    }

    @Test
    void priorsOutsideTheTrainingBoxAreRefused() {
        assertOneLine(assertThrows(IllegalArgumentException.class, () -> new ParameterSpace(NAMES, LO, HI,
                Map.of("a", ParameterSpace.parse("a", "uniform:0:2")), List.of("z"))), "prior of a", "outside the emulator's training box [0.0, 1.0]");
        assertOneLine(assertThrows(IllegalArgumentException.class, () -> new ParameterSpace(NAMES, LO, HI,
                Map.of("b", ParameterSpace.parse("b", "gaussian:5:1")), List.of("z"))), "prior of b", "centred outside");
        assertOneLine(assertThrows(IllegalArgumentException.class, () -> new ParameterSpace(NAMES, LO, HI,
                Map.of("a", ParameterSpace.parse("a", "fixed:-3")), List.of("z"))), "fixed value of a");
        assertOneLine(assertThrows(IllegalArgumentException.class, () -> ParameterSpace.parse("a", "cauchy:0:1")), "prior of a");
        assertOneLine(assertThrows(IllegalArgumentException.class, () -> new ParameterSpace(NAMES, LO, HI,
                Map.of("q", new Prior.Fixed(1)), List.of("z"))), "unknown parameter 'q'");
    }

    @Test
    void likelihoodMatchesADirectEvaluation() {
        double[][] c = {{4, 1}, {1, 2}};
        GaussianLikelihood l = new GaussianLikelihood(new double[] {1, 2}, c);
        double[] m = {0.5, 2.5};
        // direct: r = (0.5, -0.5), C^-1 = [[2, -1], [-1, 4]] / 7, det 7
        double chi2 = (2 * 0.25 - 2 * 1 * 0.5 * -0.5 + 4 * 0.25) / 7;
        assertEquals(chi2, l.chiSquared(m), 1e-14);
        assertEquals(-0.5 * (chi2 + Math.log(7) + 2 * Math.log(2 * Math.PI)), l.logLikelihood(m), 1e-14);
    }

    @Test
    void gridPointsAreTakenAndOtherKInterpolatedInLogLog() {
        ParameterSpace space = new ParameterSpace(NAMES, LO, HI, Map.of(), List.of("z"));
        // a power law is exact under log-log interpolation
        DataVector data = new DataVector(new double[] {0.1, 0.05, 0.1}, new double[] {0.5, 0.5, 1.5}, new double[] {1, 1, 1}, null, null);
        DataModel model = new DataModel(toy(), space, data);
        assertFalse(model.onGrid());
        double[][] p = model.predict(new double[][] {{0.7, -1.3}});
        assertEquals(0.7 * Math.pow(0.1, -1.3), p[0][0], 1e-12);
        assertEquals(0.7 * Math.pow(0.05, -1.3), p[0][1], 1e-12 * p[0][1]);
        assertEquals(p[0][0], p[0][2], 0);
    }

    @Test
    void truncatedGaussianPriorIsNormalisedOnTheBox() {
        Prior.Gaussian g = new Prior.Gaussian(0.2, 0.5, -1, 1);
        double sum = 0;
        int n = 200000;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(g.logDensity(-1 + 2 * (i + 0.5) / n)) * 2.0 / n;
        }
        assertEquals(1.0, sum, 1e-6);
        // the prior transform inverts the truncated CDF: the mass below fromUnit(u) is u
        for (double u : new double[] {0.1, 0.5, 0.9}) {
            double x = g.fromUnit(u);
            double mass = 0;
            for (int i = 0; i < n; i++) {
                double t = -1 + (x + 1) * (i + 0.5) / n;
                mass += Math.exp(g.logDensity(t)) * (x + 1) / n;
            }
            assertEquals(u, mass, 1e-6, "u " + u);
        }
    }

    @Test
    void fkpCovarianceFollowsTheFormula() {
        // sigma^2 = 2 (P + 1/n)^2 / N_modes, N_modes = V k^2 dk / (2 pi^2), dk between geometric midpoints
        io.emuflow.simulate.Simulator halofit = SimulatorSpectra.forGrid("halofit", io.emuflow.inference.InferenceInputsTest.logGrid(0.01, 1, 21));
        List<String> names = List.of("H0", "omega_b", "omega_c", "ln10As", "n_s", "z");
        double[] fid = {67.5, 0.0224, 0.12, 3.044, 0.965, 0};
        DataVector mock = MockData.make(halofit, names, fid, new double[] {0.5}, 0.05, 0.5, new MockData.Survey(2e9, 5e-4), null);
        double[] grid = halofit.grid();
        double[] p = halofit.simulate(names, new double[] {67.5, 0.0224, 0.12, 3.044, 0.965, 0.5})[1];
        for (int i = 0; i < mock.size(); i++) {
            int j = java.util.Arrays.binarySearch(grid, mock.k()[i]);
            double dk = Math.sqrt(grid[j] * grid[j + 1]) - Math.sqrt(grid[j - 1] * grid[j]);
            double modes = 2e9 * grid[j] * grid[j] * dk / (2 * Math.PI * Math.PI);
            assertEquals(p[j], mock.value()[i], 0);
            assertEquals(2 * Math.pow(p[j] + 2000, 2) / modes, mock.covariance()[i][i], 1e-12 * mock.covariance()[i][i]);
        }
        assertEquals(0.0224, mock.fiducial().get("omega_b"));
    }

    static double[] logGrid(double lo, double hi, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.pow(10, Math.log10(lo) + (Math.log10(hi) - Math.log10(lo)) * i / (n - 1));
        }
        return out;
    }
}
