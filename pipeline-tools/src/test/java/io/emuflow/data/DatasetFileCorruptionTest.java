package io.emuflow.data;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Randomly damaged copies of a valid file (seeded): the reader must answer each with a dataset or with one clear
 * IllegalArgumentException naming the file, never hang, and never fail with an unexplained exception or error.
 * (A flipped byte inside the numbers themselves cannot be seen by HDF5: that is what the recorded sha256 is for.)
 */
class DatasetFileCorruptionTest {
    private static final int COPIES = 300;

    @TempDir
    Path dir;

    @Test
    void damagedCopiesEndInADatasetOrAClearError() throws Exception {
        Path valid = dir.resolve("valid.h5");
        DatasetFile.write(DatasetFileTest.withScalers(TestData.spectra(20, 10, 5)), valid, "v");
        byte[] original = Files.readAllBytes(valid);
        SplittableRandom random = new SplittableRandom(20240601);
        int errors = 0;
        for (int copy = 0; copy < COPIES; copy++) {
            byte[] damaged = original.clone();
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++) {
                // the metadata sits in the first part of a jhdf file; damage there is the interesting kind
                int position = random.nextInt(random.nextBoolean() ? Math.min(damaged.length, 2048) : damaged.length);
                damaged[position] = (byte) random.nextInt(256);
            }
            if (random.nextInt(10) == 0) {
                damaged = java.util.Arrays.copyOf(damaged, random.nextInt(damaged.length));
            }
            Path file = dir.resolve("damaged-" + copy + ".h5");
            Files.write(file, damaged);
            final int number = copy;
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> DatasetFile.read(file), "copy " + number + " hangs");
            } catch (IllegalArgumentException e) {
                errors++;
                assertTrue(e.getMessage() != null && e.getMessage().contains(file.toString()), "copy " + copy + ": " + e.getMessage());
                assertTrue(!e.getMessage().contains("\n"), "copy " + copy + " message spans lines: " + e.getMessage());
            } catch (Throwable t) {
                fail("copy " + copy + " (seeded) failed with " + t, t);
            }
            Files.delete(file);
        }
        assertTrue(errors > COPIES / 10, "only " + errors + " of " + COPIES + " damaged copies were refused: is the damage reaching the file?");
    }
}
