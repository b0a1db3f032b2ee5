package io.emuflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same data written twice, at different times, gives the same bytes: steps are bit-reproducible. */
class DatasetFileReproducibilityTest {
    @TempDir
    Path dir;

    @Test
    void writingTheSameDatasetTwiceGivesIdenticalBytes() throws Exception {
        List<Parameter> parameters = List.of(new Parameter("a", "", 0, 1), new Parameter("z", "", 0, 3));
        double[][] params = {{0.1, 0.5}, {0.7, 2.5}};
        double[][] values = {{1, 2, 3}, {4, 5, 6}};
        SpectrumDataset data = new SpectrumDataset("s", "simulate", new long[] {3, 9}, parameters, params,
                new double[] {0.1, 1, 10}, "1/Mpc", Map.of("P", new Target("P", "Mpc^3", false, values)), Map.of());
        Path first = dir.resolve("first.h5");
        Path second = dir.resolve("second.h5");
        DatasetFile.write(data, first, "0.1.0 (git test)");
        Thread.sleep(1100); // a timestamp with one-second resolution would now differ
        DatasetFile.write(data, second, "0.1.0 (git test)");
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }
}
