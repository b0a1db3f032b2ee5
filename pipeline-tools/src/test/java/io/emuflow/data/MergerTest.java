package io.emuflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MergerTest {
    private final SpectrumDataset whole = TestData.spectra(23, 6, 9);

    private List<SpectrumDataset> chunks(int size) {
        List<SpectrumDataset> out = new ArrayList<>();
        for (int from = 0; from < whole.size(); from += size) {
            out.add(whole.selectRows(IntStream.range(from, Math.min(whole.size(), from + size)).toArray()));
        }
        return out;
    }

    @Test
    void resultIsTheSameWhateverTheChunkSizeAndOrder() {
        Random shuffler = new Random(4);
        for (int size : new int[] {1, 3, 7, 23, 50}) {
            List<SpectrumDataset> parts = chunks(size);
            for (int trial = 0; trial < 3; trial++) {
                Collections.shuffle(parts, shuffler);
                SpectrumDataset merged = Merger.merge(parts);
                assertArrayEquals(whole.index(), merged.index(), "chunk size " + size);
                assertArrayEquals(whole.params(), merged.params());
                assertArrayEquals(whole.target("P_lin").values(), merged.target("P_lin").values());
                assertArrayEquals(whole.grid(), merged.grid());
                assertEquals("merge", merged.step());
                assertEquals(whole.parameters(), merged.parameters());
            }
        }
    }

    @Test
    void refusesASampleInTwoChunks() {
        List<SpectrumDataset> parts = chunks(5);
        parts.add(whole.selectRows(new int[] {4}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Merger.merge(parts));
        assertTrue(e.getMessage().contains("sample id 4 appears in two chunks"), e.getMessage());
    }

    @Test
    void refusesChunksThatDoNotBelongTogether() {
        SpectrumDataset other = TestData.spectra(3, 6, 9);
        SpectrumDataset otherStudy = new SpectrumDataset("other", "simulate", new long[] {100}, other.parameters(),
                new double[][] {other.params()[0]}, other.grid(), other.gridUnits(), Map.of(), Map.of());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Merger.merge(List.of(whole, otherStudy)))
                .getMessage().contains("different studies"));
        SpectrumDataset otherGrid = TestData.spectra(3, 5, 9);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Merger.merge(List.of(whole, otherGrid)))
                .getMessage().contains("different k grids"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Merger.merge(List.of()))
                .getMessage().contains("nothing to merge"));
    }
}
