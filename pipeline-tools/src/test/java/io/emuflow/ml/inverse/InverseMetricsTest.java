package io.emuflow.ml.inverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metrics against figures computed by hand on tiny arrays (sklearn conventions, see InverseMetrics). */
class InverseMetricsTest {
    @Test
    void regressionFiguresByHand() {
        // errors 0.5, 0, -1, 1: MSE (0.25 + 0 + 1 + 1) / 4 = 0.5625, MAE 2.5 / 4, SS_tot around 2.5 = 5
        Map<String, Double> m = InverseMetrics.regression(new double[] {1, 2, 3, 4}, new double[] {1.5, 2, 2, 5});
        assertEquals(0.5625, m.get("mse"), 1e-15);
        assertEquals(0.75, m.get("rmse"), 1e-15);
        assertEquals(0.625, m.get("mae"), 1e-15);
        assertEquals(1 - 2.25 / 5, m.get("r2"), 1e-15);
        // predicting the mean gives R^2 = 0; a perfect prediction 1
        assertEquals(0.0, InverseMetrics.regression(new double[] {1, 2, 3}, new double[] {2, 2, 2}).get("r2"), 1e-15);
        assertEquals(1.0, InverseMetrics.regression(new double[] {1, 2, 3}, new double[] {1, 2, 3}).get("r2"));
        assertThrows(IllegalArgumentException.class, () -> InverseMetrics.regression(new double[] {1}, new double[] {1, 2}));
    }

    @Test
    void confusionMatrixCounts() {
        long[][] m = InverseMetrics.confusion(new int[] {0, 0, 1, 2, 2, 2}, new int[] {0, 1, 1, 2, 2, 0}, 4);
        assertArrayEquals(new long[] {1, 1, 0, 0}, m[0]);
        assertArrayEquals(new long[] {0, 1, 0, 0}, m[1]);
        assertArrayEquals(new long[] {1, 0, 2, 0}, m[2]);
        assertArrayEquals(new long[] {0, 0, 0, 0}, m[3]);
        assertThrows(IllegalArgumentException.class, () -> InverseMetrics.confusion(new int[] {4}, new int[] {0}, 4));
    }

    @Test
    void classificationFiguresByHand() {
        long[][] m = InverseMetrics.confusion(new int[] {0, 0, 1, 2, 2, 2}, new int[] {0, 1, 1, 2, 2, 0}, 4);
        Map<String, Double> c = InverseMetrics.classification(m);
        // class 0: P 1/2, R 1/2, F1 1/2; class 1: P 1/2, R 1, F1 2/3; class 2: P 1, R 2/3, F1 4/5; class 3 absent (not averaged)
        assertEquals(4.0 / 6, c.get("accuracy"), 1e-15);
        assertEquals((0.5 + 0.5 + 1) / 3, c.get("macro_precision"), 1e-15);
        assertEquals((0.5 + 1 + 2.0 / 3) / 3, c.get("macro_recall"), 1e-15);
        assertEquals((0.5 + 2.0 / 3 + 0.8) / 3, c.get("macro_f1"), 1e-15);
        // only 2 -> 0 is more than one class away
        assertEquals(5.0 / 6, c.get("within_one_class"), 1e-15);
    }

    @Test
    void aClassNeverPredictedHasPrecisionZero() {
        // truth 0, 1; predictions 1, 1: class 0 has P 0 (never predicted), R 0; class 1 has P 1/2, R 1, F1 2/3
        Map<String, Double> c = InverseMetrics.classification(InverseMetrics.confusion(new int[] {0, 1}, new int[] {1, 1}, 3));
        assertEquals(0.5, c.get("accuracy"), 1e-15);
        assertEquals(0.25, c.get("macro_precision"), 1e-15);
        assertEquals(0.5, c.get("macro_recall"), 1e-15);
        assertEquals(1.0 / 3, c.get("macro_f1"), 1e-15);
        assertEquals(1.0, c.get("within_one_class"), 1e-15);
    }
}
