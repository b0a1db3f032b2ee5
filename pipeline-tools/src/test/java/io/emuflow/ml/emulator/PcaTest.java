package io.emuflow.ml.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PcaTest {
    /** Rows mean + sum_r c_r v_r of exact rank 3 in 12 columns. */
    static double[][] rankThree(int n) {
        SplittableRandom random = new SplittableRandom(8);
        double[][] basis = new double[3][12];
        for (double[] v : basis) {
            for (int j = 0; j < 12; j++) {
                v[j] = random.nextGaussian();
            }
        }
        double[][] rows = new double[n][12];
        for (double[] row : rows) {
            for (int j = 0; j < 12; j++) {
                row[j] = 0.3 * j;
            }
            for (double[] v : basis) {
                double c = random.nextGaussian();
                for (int j = 0; j < 12; j++) {
                    row[j] += c * v[j];
                }
            }
        }
        return rows;
    }

    @Test
    void roundTripIsExactWhenTheComponentsSpanTheData() {
        double[][] y = rankThree(200);
        Pca pca = Pca.fit(y, 3);
        double[][] back = pca.decode(pca.encode(y));
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < 12; j++) {
                assertEquals(y[i][j], back[i][j], 1e-9);
            }
        }
    }

    @Test
    void componentsAreOrthonormalAndCoefficientsStandardised() {
        double[][] y = rankThree(500);
        Pca pca = Pca.fit(y, 3);
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double dot = 0;
                for (int j = 0; j < 12; j++) {
                    dot += pca.components()[a][j] * pca.components()[b][j];
                }
                assertEquals(a == b ? 1 : 0, dot, 1e-10);
            }
        }
        double[][] c = pca.encode(y);
        for (int k = 0; k < 3; k++) {
            double mean = 0;
            double square = 0;
            for (double[] row : c) {
                mean += row[k] / c.length;
                square += row[k] * row[k] / c.length;
            }
            assertEquals(0, mean, 1e-10);
            assertEquals(1, square, 1e-10);
        }
        // the leading component explains the most variance
        assertTrue(pca.coefficientStd()[0] >= pca.coefficientStd()[1] && pca.coefficientStd()[1] >= pca.coefficientStd()[2]);
    }

    @Test
    void moreComponentsReconstructSpectraBetter() {
        double[][] y = EmulatorTrainerTest.TARGETS.transform(EmulatorTrainerTest.TRAIN.targets());
        double previous = Double.POSITIVE_INFINITY;
        for (int m : new int[] {1, 2, 4, 8, 16}) {
            Pca pca = Pca.fit(y, m);
            double[][] back = pca.decode(pca.encode(y));
            double error = 0;
            for (int i = 0; i < y.length; i++) {
                for (int j = 0; j < y[i].length; j++) {
                    error += (y[i][j] - back[i][j]) * (y[i][j] - back[i][j]);
                }
            }
            assertTrue(error < previous, "m=" + m);
            previous = error;
        }
        assertTrue(previous < 1e-18 * y.length, "16 of 16 components reproduce the data");
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(y, 17));
    }

    @Test
    void roundTripIsExactForBothScalings() {
        double[][] y = rankThree(200);
        for (Pca.Scaling scaling : Pca.Scaling.values()) {
            Pca pca = Pca.fit(y, 3, scaling);
            assertEquals(scaling, pca.scaling());
            double[][] back = pca.decode(pca.encode(y));
            for (int i = 0; i < y.length; i++) {
                for (int j = 0; j < 12; j++) {
                    assertEquals(y[i][j], back[i][j], 1e-9, scaling + " row " + i);
                }
            }
        }
    }

    @Test
    void commonScalingKeepsTheRatiosOfTheComponentsAndMakesTheLossTheReconstructionError() {
        double[][] y = rankThree(500);
        Pca each = Pca.fit(y, 3, Pca.Scaling.PER_COMPONENT);
        Pca common = Pca.fit(y, 3, Pca.Scaling.COMMON);
        double[][] a = each.encode(y);
        double[][] b = common.encode(y);
        double[] sc = each.coefficientStd();
        double s0 = Math.sqrt((sc[0] * sc[0] + sc[1] * sc[1] + sc[2] * sc[2]) / 3);
        for (int c = 0; c < 3; c++) {
            assertEquals(s0, common.coefficientStd()[c], 1e-12 * s0, "one scale, the RMS of the components' stds");
            // the same coefficient, rescaled: c / s0 = (c / s_c) * s_c / s0
            double ratio = sc[c] / s0;
            for (int i = 0; i < y.length; i++) {
                assertEquals(a[i][c] * ratio, b[i][c], 1e-12);
            }
        }
        // the outputs have unit variance on average, the first most
        double[] square = new double[3];
        for (double[] row : b) {
            for (int c = 0; c < 3; c++) {
                square[c] += row[c] * row[c] / b.length;
            }
        }
        assertEquals(1, (square[0] + square[1] + square[2]) / 3, 1e-10);
        assertTrue(square[2] < square[1] && square[1] < square[0]);
        // a perturbation of the coefficients costs its reconstruction error: |dy|^2 = s0^2 |dc|^2 (V orthonormal)
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        double[][] perturbed = new double[b.length][];
        for (int i = 0; i < b.length; i++) {
            perturbed[i] = b[i].clone();
            for (int c = 0; c < 3; c++) {
                perturbed[i][c] += 0.01 * random.nextGaussian();
            }
        }
        double[][] y0 = common.decode(b);
        double[][] y1 = common.decode(perturbed);
        for (int i = 0; i < y.length; i++) {
            double dy = 0;
            double dc = 0;
            for (int j = 0; j < 12; j++) {
                dy += (y1[i][j] - y0[i][j]) * (y1[i][j] - y0[i][j]);
            }
            for (int c = 0; c < 3; c++) {
                dc += (perturbed[i][c] - b[i][c]) * (perturbed[i][c] - b[i][c]);
            }
            assertEquals(s0 * s0 * dc, dy, 1e-9 * dy);
        }
    }

    @Test
    void commonScalingRefusesUnequalScales() {
        Pca fitted = Pca.fit(rankThree(50), 2, Pca.Scaling.PER_COMPONENT);
        assertThrows(IllegalArgumentException.class,
                () -> new Pca(fitted.mean(), fitted.components(), fitted.coefficientStd(), Pca.Scaling.COMMON));
    }
}
