package io.emuflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SplitterTest {
    private final SpectrumDataset data = TestData.spectra(100, 12, 1);

    @Test
    void splitSizesFollowTheFractions() {
        Splitter.Splits s = Splitter.split(data, 0.7, 0.2, 5, 1e-3);
        assertEquals(70, s.train().size());
        assertEquals(20, s.validation().size());
        assertEquals(10, s.test().size());
    }

    @Test
    void splitsAreDisjointAndCoverEverySampleWithItsOwnRow() {
        Splitter.Splits s = Splitter.split(data, 0.6, 0.25, 5, 1e-3);
        Set<Long> seen = new HashSet<>();
        for (SpectrumDataset part : new SpectrumDataset[] {s.train(), s.validation(), s.test()}) {
            for (int i = 0; i < part.size(); i++) {
                long id = part.index()[i];
                assertTrue(seen.add(id), "sample " + id + " is in two splits");
                // rows travel with their ids: parameters and spectrum are those of that sample
                assertArrayEquals(data.params()[(int) id], part.params()[i]);
                assertArrayEquals(data.target("P_lin").values()[(int) id], part.target("P_lin").values()[i]);
            }
            long[] ids = part.index().clone();
            Arrays.sort(ids);
            assertArrayEquals(ids, part.index(), "rows of a split keep the id order");
            assertEquals("split", part.step());
        }
        assertEquals(LongStream.range(0, 100).boxed().collect(java.util.stream.Collectors.toSet()), seen);
    }

    @Test
    void sameSeedSameSplitAnotherSeedAnotherSplit() {
        assertArrayEquals(Splitter.split(data, 0.7, 0.2, 5, 1e-3).test().index(), Splitter.split(data, 0.7, 0.2, 5, 1e-3).test().index());
        assertFalse(Arrays.equals(Splitter.split(data, 0.7, 0.2, 5, 1e-3).test().index(),
                Splitter.split(data, 0.7, 0.2, 6, 1e-3).test().index()));
    }

    @Test
    void scalersAreFittedOnTheTrainingSplitOnly() {
        Splitter.Splits s = Splitter.split(data, 0.7, 0.2, 5, 1e-3);
        Standardizer params = s.train().scalers().get("params");
        Standardizer target = s.train().scalers().get("targets/P_lin");
        assertEquals(Standardizer.fit(s.train().params(), 1e-12), params);
        assertEquals(Standardizer.fit(log10(s.train().target("P_lin").values()), 1e-3), target);
        // fitting on everything would give other numbers: the test data differ from the training data
        assertNotEquals(Standardizer.fit(data.params(), 1e-12), params);
        assertNotEquals(Standardizer.fit(log10(data.target("P_lin").values()), 1e-3), target);
        assertTrue(s.validation().scalers().isEmpty());
        assertTrue(s.test().scalers().isEmpty());
    }

    @Test
    void targetScalerStdIsFlooredInLog10Units() {
        Splitter.Splits s = Splitter.split(data, 0.7, 0.2, 5, 0.5);
        for (double std : s.train().scalers().get("targets/P_lin").std()) {
            assertTrue(std >= 0.5);
        }
    }

    @Test
    void refusesSplitsWithAnEmptyPart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splitter.split(TestData.spectra(5, 3, 1), 0.8, 0.15, 1, 1e-3));
        assertTrue(e.getMessage().contains("at least one"), e.getMessage());
    }

    @Test
    void fitsNoLog10ScalerForATargetWithZerosButRefusesNaN() {
        // a zero is physical for some spectra (a fully ionised 21-cm box): the target gets no log10 scaler
        double[][] values = TestData.copy(data.target("P_lin").values());
        for (double[] row : values) {
            row[4] = 0;
        }
        SpectrumDataset zeros = TestData.withValues(data, data.params(), values);
        Splitter.Splits splits = Splitter.split(zeros, 0.7, 0.2, 1, 1e-3);
        assertTrue(splits.train().scalers().containsKey("params"));
        assertTrue(!splits.train().scalers().containsKey("targets/P_lin"), "a log10 scaler of a target with zeros");
        // NaN belongs to the clean step: split names it
        values[3][4] = Double.NaN;
        for (double[] row : values) {
            row[4] = row == values[3] ? Double.NaN : 1.0;
        }
        SpectrumDataset bad = TestData.withValues(data, data.params(), values);
        IllegalArgumentException e = null;
        for (long seed = 0; seed < 20 && e == null; seed++) {
            try {
                Splitter.split(bad, 0.7, 0.2, seed, 1e-3);
            } catch (IllegalArgumentException caught) {
                e = caught;
            }
        }
        assertTrue(e != null && e.getMessage().contains("non-finite"), String.valueOf(e));
    }

    private static double[][] log10(double[][] values) {
        double[][] out = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = Arrays.stream(values[i]).map(Math::log10).toArray();
        }
        return out;
    }
}
