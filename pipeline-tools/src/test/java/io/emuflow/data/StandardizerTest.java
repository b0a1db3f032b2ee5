package io.emuflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.StatUtils;
import org.junit.jupiter.api.Test;

class StandardizerTest {
    private static final double[][] ROWS = {{1, 10, 5}, {2, 20, 5}, {3, 30, 5}, {6, 40, 5}};

    @Test
    void fitsColumnMeansAndPopulationStd() {
        Standardizer s = Standardizer.fit(ROWS, 1e-3);
        for (int j = 0; j < 2; j++) {
            double[] column = column(ROWS, j);
            assertEquals(StatUtils.mean(column), s.mean()[j], 1e-12);
            assertEquals(Math.sqrt(StatUtils.populationVariance(column)), s.std()[j], 1e-12);
        }
    }

    @Test
    void floorsTheStdOfAConstantColumn() {
        Standardizer s = Standardizer.fit(ROWS, 1e-3);
        assertEquals(5, s.mean()[2]);
        assertEquals(1e-3, s.std()[2]);
        for (double[] row : s.transform(ROWS)) {
            assertEquals(0.0, row[2]);
        }
    }

    @Test
    void transformedTrainingColumnsHaveZeroMeanAndUnitStd() {
        double[][] z = Standardizer.fit(ROWS, 1e-3).transform(ROWS);
        for (int j = 0; j < 2; j++) {
            assertEquals(0, StatUtils.mean(column(z, j)), 1e-12);
            assertEquals(1, Math.sqrt(StatUtils.populationVariance(column(z, j))), 1e-12);
        }
    }

    @Test
    void inverseUndoesTransform() {
        Standardizer s = Standardizer.fit(ROWS, 1e-3);
        double[][] back = s.inverse(s.transform(ROWS));
        for (int i = 0; i < ROWS.length; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(ROWS[i][j], back[i][j], 1e-12 * Math.abs(ROWS[i][j]));
            }
        }
    }

    @Test
    void rejectsBadScalers() {
        assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(new double[0][], 1e-3));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Standardizer(new double[2], new double[] {1}))
                .getMessage().contains("differ in length"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Standardizer(new double[] {0}, new double[] {0}))
                .getMessage().contains("std 0"));
        assertThrows(IllegalArgumentException.class, () -> new Standardizer(new double[] {Double.NaN}, new double[] {1}));
    }

    @Test
    void isAValueAndCopiesItsArrays() {
        double[] mean = {1, 2};
        Standardizer a = new Standardizer(mean, new double[] {1, 1});
        mean[0] = 99;
        assertEquals(1, a.mean()[0]);
        assertEquals(a, new Standardizer(new double[] {1, 2}, new double[] {1, 1}));
        assertEquals(a.hashCode(), new Standardizer(new double[] {1, 2}, new double[] {1, 1}).hashCode());
    }

    private static double[] column(double[][] rows, int j) {
        double[] c = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i][j];
        }
        return c;
    }

    @Test
    void commonStdIsTheRmsOfTheColumnStds() {
        Standardizer s = new Standardizer(new double[] {1, 2, 3}, new double[] {0.3, 0.4, 1.2});
        Standardizer common = s.withCommonStd();
        assertArrayEquals(new double[] {1, 2, 3}, common.mean());
        double rms = Math.sqrt((0.09 + 0.16 + 1.44) / 3);
        for (double v : common.std()) {
            assertEquals(rms, v, 1e-15);
        }
    }
}
