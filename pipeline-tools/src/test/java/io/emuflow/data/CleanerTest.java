package io.emuflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CleanerTest {
    private final SpectrumDataset clean = TestData.spectra(20, 8, 3);

    /** Rows 2 and 11 broken in the target (NaN, +Inf), row 7 broken in a parameter (-Inf). */
    private SpectrumDataset broken() {
        double[][] values = TestData.copy(clean.target("P_lin").values());
        double[][] params = TestData.copy(clean.params());
        values[2][5] = Double.NaN;
        values[11][5] = Double.POSITIVE_INFINITY;
        params[7][1] = Double.NEGATIVE_INFINITY;
        return TestData.withValues(clean, params, values);
    }

    @Test
    void dropRowsRemovesEveryNonFiniteSampleAndSaysWhich() {
        Cleaner.Result r = Cleaner.clean(broken(), "drop-rows", 0.2);
        assertEquals(List.of(2L, 7L, 11L), r.report().removedSampleIds());
        assertEquals(List.of(), r.report().removedGridValues());
        assertEquals(20, r.report().rowsIn());
        assertEquals(17, r.report().rowsOut());
        assertEquals(8, r.report().columnsOut());
        assertEquals(17, r.dataset().size());
        assertEquals("clean", r.dataset().step());
        for (int i = 0; i < r.dataset().size(); i++) {
            long id = r.dataset().index()[i];
            assertTrue(id != 2 && id != 7 && id != 11);
            assertArrayEquals(clean.target("P_lin").values()[(int) id], r.dataset().target("P_lin").values()[i]);
        }
    }

    @Test
    void dropColumnsRemovesTheBrokenGridPointAndKeepsTargetRows() {
        Cleaner.Result r = Cleaner.clean(broken(), "drop-columns", 0.2);
        // column 5 holds both target failures; row 7 still goes, because its parameter is not finite
        assertEquals(List.of(clean.grid()[5]), r.report().removedGridValues());
        assertEquals(List.of(7L), r.report().removedSampleIds());
        assertEquals(7, r.report().columnsOut());
        assertEquals(19, r.report().rowsOut());
        assertEquals(7, r.dataset().grid().length);
        for (double k : r.dataset().grid()) {
            assertTrue(k != clean.grid()[5]);
        }
        for (double[] row : r.dataset().target("P_lin").values()) {
            for (double v : row) {
                assertTrue(Double.isFinite(v));
            }
        }
    }

    @Test
    void failPolicyRefusesNonFiniteDataAndPassesCleanData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cleaner.clean(broken(), "fail", 1.0));
        assertTrue(e.getMessage().contains("3 samples") && e.getMessage().contains("'fail'"), e.getMessage());
        Cleaner.Result r = Cleaner.clean(clean, "fail", 0.0);
        assertEquals(20, r.dataset().size());
        assertTrue(r.report().removedSampleIds().isEmpty());
    }

    @Test
    void refusesToRemoveMoreThanTheAllowedFraction() {
        // 3 of 20 rows = 15%: allowed at 0.15, refused at 0.1
        assertEquals(17, Cleaner.clean(broken(), "drop-rows", 0.15).dataset().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cleaner.clean(broken(), "drop-rows", 0.1));
        assertTrue(e.getMessage().contains("remove 3 of 20 samples") && e.getMessage().contains("0.1"), e.getMessage());
        // drop-columns counts grid columns: 1 of 8 = 12.5%
        assertThrows(IllegalArgumentException.class, () -> Cleaner.clean(broken(), "drop-columns", 0.1));
    }

    @Test
    void refusesToRemoveEverything() {
        double[][] values = TestData.copy(clean.target("P_lin").values());
        for (double[] row : values) {
            row[0] = Double.NaN;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cleaner.clean(TestData.withValues(clean, clean.params(), values), "drop-rows", 1.0));
        assertTrue(e.getMessage().contains("remove all 20 samples"), e.getMessage());
    }

    @Test
    void cleanDataPassesUnchanged() {
        Cleaner.Result r = Cleaner.clean(clean, "drop-rows", 0.0);
        assertArrayEquals(clean.index(), r.dataset().index());
        assertSame(clean.params()[0], r.dataset().params()[0]);
    }

    @Test
    void unknownPolicyIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cleaner.clean(clean, "impute", 0.1));
        assertTrue(e.getMessage().contains("'impute'"), e.getMessage());
    }
}
