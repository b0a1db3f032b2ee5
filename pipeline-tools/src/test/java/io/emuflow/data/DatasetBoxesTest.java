package io.emuflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boxes (/boxes/<name>, float32 [N, D, D, D]) through the data steps: written and read back exactly, and carried
 * by merge, clean and split with the same rows as the parameters and spectra (every box encodes its sample id).
 */
class DatasetBoxesTest {
    private static final int DIM = 8;

    @TempDir
    Path dir;

    private SpectrumDataset data(int n) {
        return TestData.withBoxes(TestData.spectra(n, 7, 3), DIM);
    }

    @Test
    void boxesRoundTripThroughTheFileWithTheirAttributes() throws Exception {
        SpectrumDataset written = data(5);
        Path file = dir.resolve("boxes.h5");
        DatasetFile.write(written, file, "test");
        SpectrumDataset read = DatasetFile.read(file);

        assertEquals(List.of("tb_z8", "xHI_z8"), new ArrayList<>(read.boxes().keySet()), "boxes are read in name order");
        assertEquals(new BoxSpec("tb_z8", "brightness_temperature", "mK", DIM, 32.0, 8.0), read.boxes().get("tb_z8").spec());
        assertEquals(new BoxSpec("xHI_z8", "neutral_fraction", "", DIM / 2, 32.0, 8.0), read.boxes().get("xHI_z8").spec());
        TestData.assertBoxesFollowIds(read);
        assertArrayEquals(written.target("P_lin").values(), read.target("P_lin").values());
        try (HdfFile hdf = new HdfFile(file)) {
            assertArrayEquals(new int[] {5, DIM, DIM, DIM}, hdf.getDatasetByPath("/boxes/tb_z8").getDimensions());
            assertEquals(float.class, hdf.getDatasetByPath("/boxes/tb_z8").getJavaType());
        }
        // the file is exactly header + spectra + 4 bytes per cell: no hidden copies of the boxes
        long boxBytes = 5L * 4 * (DIM * DIM * DIM + (DIM / 2) * (DIM / 2) * (DIM / 2));
        Path plain = dir.resolve("plain.h5");
        DatasetFile.write(written.withBoxes(Map.of()), plain, "test");
        assertTrue(Files.size(file) - Files.size(plain) >= boxBytes && Files.size(file) - Files.size(plain) < boxBytes + 4096,
                "box bytes " + (Files.size(file) - Files.size(plain)) + ", expected about " + boxBytes);
    }

    @Test
    void aFileWithBoxesIsBitReproducibleAndRewritesFromItself() throws Exception {
        Path a = dir.resolve("a.h5");
        Path b = dir.resolve("b.h5");
        DatasetFile.write(data(4), a, "test");
        DatasetFile.write(data(4), b, "test");
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        // a dataset read from a file is written again from that file's rows, to another name and to the same name
        Path c = dir.resolve("c.h5");
        DatasetFile.write(DatasetFile.read(a), c, "test");
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(c));
        DatasetFile.write(DatasetFile.read(a), a, "test");
        assertArrayEquals(Files.readAllBytes(b), Files.readAllBytes(a));
    }

    @Test
    void mergeGathersBoxesInSampleIdOrderFromChunkFiles() throws Exception {
        SpectrumDataset whole = data(9);
        List<Path> files = new ArrayList<>();
        int[][] chunkRows = {{6, 2, 8}, {0, 7}, {5, 1, 3, 4}};
        for (int c = 0; c < chunkRows.length; c++) {
            Path file = dir.resolve("chunk-" + c + ".h5");
            DatasetFile.write(whole.selectRows(chunkRows[c]).withStep("simulate"), file, "test");
            files.add(file);
        }
        List<SpectrumDataset> chunks = new ArrayList<>();
        for (Path f : List.of(files.get(2), files.get(0), files.get(1))) {
            chunks.add(DatasetFile.read(f));
        }
        Path merged = dir.resolve("merged.h5");
        DatasetFile.write(Merger.merge(chunks), merged, "test");
        SpectrumDataset read = DatasetFile.read(merged);
        assertArrayEquals(whole.index(), read.index());
        assertArrayEquals(whole.params(), read.params());
        TestData.assertBoxesFollowIds(read);
    }

    @Test
    void mergeRefusesChunksWithDifferentBoxes() {
        SpectrumDataset whole = data(4);
        SpectrumDataset withBoxes = whole.selectRows(new int[] {0, 1});
        SpectrumDataset without = whole.selectRows(new int[] {2, 3}).withBoxes(Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Merger.merge(List.of(withBoxes, without)));
        assertTrue(e.getMessage().contains("different boxes"), e.getMessage());
        SpectrumDataset otherLength = whole.selectRows(new int[] {2, 3});
        Map<String, BoxColumn> boxes = new LinkedHashMap<>(otherLength.boxes());
        BoxSpec spec = boxes.get("tb_z8").spec();
        boxes.put("tb_z8", BoxColumn.inMemory(new BoxSpec("tb_z8", spec.field(), spec.units(), DIM, 64.0, 8.0),
                new float[][] {new float[spec.cells()], new float[spec.cells()]}));
        e = assertThrows(IllegalArgumentException.class, () -> Merger.merge(List.of(withBoxes, otherLength.withBoxes(boxes))));
        assertTrue(e.getMessage().contains("describe box tb_z8 differently"), e.getMessage());
    }

    @Test
    void cleanDropsTheBoxesOfTheRowsItDrops() throws Exception {
        SpectrumDataset whole = data(10);
        double[][] values = TestData.copy(whole.target("P_lin").values());
        values[2][3] = Double.NaN;
        values[7][0] = Double.POSITIVE_INFINITY;
        SpectrumDataset dirty = TestData.withValues(whole, whole.params(), values).withBoxes(whole.boxes());
        Path file = dir.resolve("dirty.h5");
        DatasetFile.write(dirty, file, "test");

        Cleaner.Result rows = Cleaner.clean(DatasetFile.read(file), "drop-rows", 0.5);
        assertEquals(List.of(2L, 7L), rows.report().removedSampleIds());
        Path cleaned = dir.resolve("clean.h5");
        DatasetFile.write(rows.dataset(), cleaned, "test");
        SpectrumDataset read = DatasetFile.read(cleaned);
        assertArrayEquals(new long[] {0, 1, 3, 4, 5, 6, 8, 9}, read.index());
        TestData.assertBoxesFollowIds(read);

        // dropping grid columns keeps every sample and its boxes
        Cleaner.Result columns = Cleaner.clean(DatasetFile.read(file), "drop-columns", 0.5);
        assertEquals(10, columns.dataset().boxes().get("tb_z8").rows());
        TestData.assertBoxesFollowIds(columns.dataset());
    }

    @Test
    void splitGivesEachSplitTheBoxesOfItsRowsUnscaled() throws Exception {
        Path file = dir.resolve("clean.h5");
        DatasetFile.write(data(20), file, "test");
        Splitter.Splits splits = Splitter.split(DatasetFile.read(file), 0.6, 0.2, 11, 1e-3);
        Set<Long> seen = new TreeSet<>();
        for (SpectrumDataset part : List.of(splits.train(), splits.validation(), splits.test())) {
            Path out = dir.resolve("part.h5");
            DatasetFile.write(part, out, "test");
            SpectrumDataset read = DatasetFile.read(out);
            TestData.assertBoxesFollowIds(read);
            Arrays.stream(read.index()).forEach(seen::add);
            assertTrue(read.scalers().keySet().stream().noneMatch(k -> k.contains("tb_z8")), "boxes get no scaler");
        }
        assertEquals(20, seen.size());
        assertTrue(splits.train().size() == 12 && splits.test().size() == 4);
    }

    @Test
    void aBoxDatasetOfTheWrongShapeIsRefusedWithOneLine() throws Exception {
        Path file = dir.resolve("odd.h5");
        DatasetFile.write(TestData.spectra(3, 4, 1), file, "test");
        SpectrumDataset base = DatasetFile.read(file);
        Path odd = dir.resolve("odd-box.h5");
        // a copy of the file's layout by hand, with a box that is not cubic
        try (WritableHdfFile out = HdfFile.write(odd)) {
            out.putAttribute("format", DatasetFile.FORMAT);
            out.putAttribute("study", base.study());
            out.putAttribute("step", base.step());
            out.putAttribute("tool_version", "test");
            out.putDataset("index", base.index());
            WritableDataset params = out.putDataset("params", base.params());
            params.putAttribute("names", new String[] {"A", "n"});
            params.putAttribute("units", new String[] {"", ""});
            params.putAttribute("lower", new double[] {1, 0.9});
            params.putAttribute("upper", new double[] {2, 1.1});
            WritableDataset box = out.putGroup("boxes").putDataset("tb_z8", new float[3][4][4][5]);
            box.putAttribute("units", "mK");
            box.putAttribute("box_length_mpc", 32.0);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetFile.read(odd));
        assertTrue(e.getMessage().contains("/boxes/tb_z8 has shape [3, 4, 4, 5], expected [3, D, D, D]"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
