package io.emuflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFileTest {
    @TempDir
    Path dir;

    static SpectrumDataset withScalers(SpectrumDataset d) {
        Map<String, Standardizer> scalers = new LinkedHashMap<>();
        scalers.put("params", Standardizer.fit(d.params(), 1e-12));
        scalers.put("targets/P_lin", new Standardizer(new double[d.grid().length], filled(d.grid().length, 0.25)));
        return d.withScalers(scalers);
    }

    @Test
    void roundTripIsBitExact() {
        SpectrumDataset original = withScalers(TestData.spectra(17, 9, 2));
        Path file = dir.resolve("d.h5");
        DatasetFile.write(original, file, "0.1.0 (git test)");
        SpectrumDataset back = DatasetFile.read(file);
        assertEquals(original.study(), back.study());
        assertEquals(original.step(), back.step());
        assertArrayEquals(original.index(), back.index());
        assertEquals(original.parameters(), back.parameters());
        assertArrayEquals(original.params(), back.params());
        assertArrayEquals(original.grid(), back.grid());
        assertEquals("1/Mpc", back.gridUnits());
        Target t = back.target("P_lin");
        assertEquals("Mpc^3", t.units());
        assertEquals(false, t.log10());
        assertArrayEquals(original.target("P_lin").values(), t.values());
        assertEquals(original.scalers(), back.scalers());
    }

    @Test
    void samplesOnlyDatasetsRoundTripAndEmptyOnesAreRefused() {
        SpectrumDataset samples = SpectrumDataset.ofSamples("toy", new long[] {5, 9}, TestData.PARAMETERS, new double[][] {{1.5, 1}, {1.2, 0.95}});
        Path file = dir.resolve("samples.h5");
        DatasetFile.write(samples, file, "v");
        SpectrumDataset back = DatasetFile.read(file);
        assertArrayEquals(new long[] {5, 9}, back.index());
        assertArrayEquals(samples.params(), back.params());
        assertNull(back.grid());
        assertTrue(back.targets().isEmpty());

        // no step produces an empty dataset (clean and split refuse to); writing one is refused with a clear message
        SpectrumDataset empty = TestData.spectra(4, 3, 1).selectRows(new int[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetFile.write(empty, dir.resolve("empty.h5"), "v"));
        assertTrue(e.getMessage().contains("has no samples"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("empty.h5")));
    }

    @Test
    void leavesNoTemporaryFileBehind() throws IOException {
        DatasetFile.write(TestData.spectra(3, 3, 1), dir.resolve("d.h5"), "v");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("d.h5"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void truncatedFileGivesAClearError() throws IOException {
        Path file = dir.resolve("d.h5");
        DatasetFile.write(TestData.spectra(50, 40, 1), file, "v");
        byte[] bytes = Files.readAllBytes(file);
        for (int length : new int[] {8, 100, bytes.length / 2, bytes.length - 10}) {
            Path cut = dir.resolve("cut" + length + ".h5");
            Files.write(cut, Arrays.copyOf(bytes, length));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetFile.read(cut), "length " + length);
            assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        }
    }

    @Test
    void foreignHdf5FileIsNamedAsSuch() {
        Path foreign = dir.resolve("foreign.h5");
        try (WritableHdfFile f = HdfFile.write(foreign)) {
            f.putDataset("data", new double[] {1, 2, 3});
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetFile.read(foreign));
        assertTrue(e.getMessage().contains("is not an EmuFlow dataset"), e.getMessage());

        Path otherFormat = dir.resolve("other.h5");
        try (WritableHdfFile f = HdfFile.write(otherFormat)) {
            f.putAttribute("format", "someone-else/2");
        }
        e = assertThrows(IllegalArgumentException.class, () -> DatasetFile.read(otherFormat));
        assertTrue(e.getMessage().contains("format 'someone-else/2'"), e.getMessage());

        Path missingParams = dir.resolve("layout.h5");
        try (WritableHdfFile f = HdfFile.write(missingParams)) {
            f.putAttribute("format", DatasetFile.FORMAT);
            f.putAttribute("study", "toy");
            f.putAttribute("step", "sample");
            f.putDataset("index", new long[] {0, 1});
        }
        e = assertThrows(IllegalArgumentException.class, () -> DatasetFile.read(missingParams));
        assertTrue(e.getMessage().contains("no dataset /params"), e.getMessage());

        Path wrongType = dir.resolve("type.h5");
        try (WritableHdfFile f = HdfFile.write(wrongType)) {
            f.putAttribute("format", DatasetFile.FORMAT);
            f.putAttribute("study", "toy");
            f.putAttribute("step", "sample");
            f.putDataset("index", new double[] {0, 1});
        }
        e = assertThrows(IllegalArgumentException.class, () -> DatasetFile.read(wrongType));
        assertTrue(e.getMessage().contains("/index") && e.getMessage().contains("expected long[]"), e.getMessage());
    }

    @Test
    void nonHdf5EmptyAndMissingFilesGiveClearErrors() throws IOException {
        Path text = Files.writeString(dir.resolve("params.csv"), "A,n\n1,1\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetFile.read(text)).getMessage().endsWith("is not an HDF5 file"));
        Path empty = Files.createFile(dir.resolve("empty.h5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetFile.read(empty)).getMessage().contains("(it is empty)"));
        Path missing = dir.resolve("missing.h5");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetFile.read(missing)).getMessage().contains("does not exist"));
    }

    static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }
}
