package io.emuflow.ml.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two trainings with the same data, settings and seed save byte-identical bundles: no wall-clock time inside, and
 * JSON keys in sorted order (maps made with Map.of iterate in an order that changes from one JVM to the next).
 */
class BundleReproducibilityTest {
    @TempDir
    Path dir;

    @Test
    void sameSeedSavesTheSameBytes() throws Exception {
        ModelSettings settings = EmulatorTrainerTest.settings("max_epochs", 4);
        EmulatorTrainerTest.train(settings, 5).save(dir.resolve("a"));
        EmulatorTrainerTest.train(settings, 5).save(dir.resolve("b"));
        assertKeysSorted(new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("a/emulator.json").toFile()), "");
        try (var files = Files.list(dir.resolve("a"))) {
            List<Path> all = files.toList();
            for (Path f : all) {
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(dir.resolve("b").resolve(f.getFileName())),
                        f.getFileName() + " differs between two identical trainings");
            }
        }
    }

    private static void assertKeysSorted(com.fasterxml.jackson.databind.JsonNode node, String at) {
        if (node.isObject()) {
            List<String> names = new java.util.ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            List<String> sorted = new java.util.ArrayList<>(names);
            java.util.Collections.sort(sorted);
            org.junit.jupiter.api.Assertions.assertEquals(sorted, names, "keys of emulator.json" + at + " are not in sorted order");
            names.forEach(n -> assertKeysSorted(node.get(n), at + "/" + n));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertKeysSorted(node.get(i), at + "[" + i + "]");
            }
        }
    }
}
