package io.emuflow.ml;

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
}
