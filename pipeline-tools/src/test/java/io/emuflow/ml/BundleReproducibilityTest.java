package io.emuflow.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two trainings with the same data, settings and seed save byte-identical bundles (no wall-clock time inside). */
class BundleReproducibilityTest {
    @TempDir
    Path dir;

    @Test
    void sameSeedSavesTheSameBytes() throws Exception {
        ModelSettings settings = EmulatorTrainerTest.settings("max_epochs", 4);
        EmulatorTrainerTest.train(settings, 5).save(dir.resolve("a"));
        EmulatorTrainerTest.train(settings, 5).save(dir.resolve("b"));
        try (var files = Files.list(dir.resolve("a"))) {
            List<Path> all = files.toList();
            for (Path f : all) {
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(dir.resolve("b").resolve(f.getFileName())),
                        f.getFileName() + " differs between two identical trainings");
            }
        }
    }
}
