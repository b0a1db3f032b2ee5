package io.emuflow.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.data.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyLoaderTest {
    static final String VALID = String.join("\n",
            "name: pk-toy",
            "kind: emulator",
            "samples: 200",
            "parameters:",
            "  - {name: H0, units: km/s/Mpc, lower: 60, upper: 80}",
            "  - {name: omega_b, lower: 0.019, upper: 0.026}",
            "simulator:",
            "  name: eh-linear",
            "  settings: {k_min: 1.0e-3, k_max: 1.0, k_points: 50}",
            "target: P_lin",
            "cleaning: {policy: drop-columns, max_removed_fraction: 0.1}",
            "split: {train: 0.7, validation: 0.15, test: 0.15}",
            "models:",
            "  - {name: mlp, hidden: [64, 64]}",
            "test_overrides:",
            "  samples: 20",
            "  simulator: {settings: {k_points: 10}}",
            "");

    @TempDir
    Path dir;

    @Test
    void loadsAValidStudy() throws IOException {
        Study s = StudyLoader.load(write(VALID), false, Map.of());
        assertEquals("pk-toy", s.name());
        assertEquals(200, s.samples());
        assertEquals(List.of(new Parameter("H0", "km/s/Mpc", 60, 80), new Parameter("omega_b", "", 0.019, 0.026)), s.parameters());
        assertEquals("eh-linear", s.simulator());
        assertEquals(50, s.simulatorSettings().get("k_points"));
        assertEquals("drop-columns", s.cleaningPolicy());
        assertEquals(0.1, s.maxRemovedFraction());
        assertEquals(0.7, s.trainFraction());
        assertEquals(1e-3, s.stdFloor());
        assertEquals(List.of(64, 64), s.model("mlp").get("hidden"));
    }

    @Test
    void aTargetListMakesAMultiOutputStudyAndBadListsAreRefused() throws IOException {
        assertEquals(List.of("P_lin"), StudyLoader.load(write(VALID), false, Map.of()).targets());
        Study multi = StudyLoader.load(write(VALID.replace("target: P_lin", "target: [P_lin, P_nl]")), false, Map.of());
        assertEquals(List.of("P_lin", "P_nl"), multi.targets());
        for (String bad : List.of("target: [P_lin, P_lin]", "target: []", "target: 3")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StudyLoader.load(write(VALID.replace("target: P_lin", bad)), false, Map.of()), bad);
            assertTrue(e.getMessage().contains("target"), bad + ": " + e.getMessage());
        }
    }

    @Test
    void testOverridesAndOverridesMergeDeeply() throws IOException {
        Study s = StudyLoader.load(write(VALID), true, Map.of("samples", 30));
        assertEquals(30, s.samples());
        assertEquals(10, s.simulatorSettings().get("k_points"));
        assertEquals(1.0, ((Number) s.simulatorSettings().get("k_max")).doubleValue());
        assertEquals(20, StudyLoader.load(write(VALID), true, Map.of()).samples());
    }

    @Test
    void resolvedJsonLoadsBackToTheSameStudy() throws IOException {
        Study s = StudyLoader.load(write(VALID), true, Map.of());
        Path json = Files.writeString(dir.resolve("study.json"), StudyLoader.toJson(s));
        Study back = StudyLoader.loadResolved(json);
        assertEquals(s.raw(), back.raw());
        assertEquals(s.samples(), back.samples());
        assertEquals(s.parameters(), back.parameters());
    }

    @Test
    void malformedYamlNamesTheLine() throws IOException {
        String broken = VALID.replace("samples: 200", "samples: [200");
        assertError(broken, "is not valid YAML at line");
        assertError("- just\n- a list\n", "is not a YAML mapping");
    }

    @Test
    void unknownKeysAreNamed() throws IOException {
        assertError(VALID + "sampels: 100\n", "sampels");
        assertError(VALID.replace("target: P_lin", "target: P_lin\nsplit_seed: 3"), "split_seed");
        assertError(VALID.replace("{name: omega_b,", "{name: omega_b, unit: none,"), "unit");
    }

    @Test
    void wrongTypesAreNamed() throws IOException {
        assertError(VALID.replace("samples: 200", "samples: many"), "samples");
        assertError(VALID.replace("samples: 200", "samples: 2.5"), "samples");
        assertError(VALID.replace("lower: 60", "lower: sixty"), "lower");
        assertError(VALID.replace("train: 0.7", "train: yes"), "train");
        assertError(VALID.replace("policy: drop-columns", "policy: impute"), "policy");
    }

    @Test
    void invertedOrEmptyRangesAreRefused() throws IOException {
        assertError(VALID.replace("lower: 60, upper: 80", "lower: 80, upper: 60"), "parameter H0 has range [80.0, 60.0]");
        assertError(VALID.replace("lower: 60, upper: 80", "lower: 60, upper: 60"), "lower must be below upper");
    }

    @Test
    void inconsistentStudiesAreRefused() throws IOException {
        assertError(VALID.replace("test: 0.15", "test: 0.2"), "split fractions add up to");
        assertError(VALID.replace("{name: omega_b,", "{name: H0,"), "parameter H0 is listed twice");
        assertError(VALID.replace("samples: 200", "samples: 5"), "samples");
        assertError(VALID.replace("kind: emulator\n", ""), "kind");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StudyLoader.load(dir.resolve("none.yaml"), false, Map.of()))
                .getMessage().contains("does not exist"));
    }

    @Test
    void overridesAreValidatedToo() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StudyLoader.load(write(VALID), false, Map.of("samples", "lots")));
        assertTrue(e.getMessage().contains("after overrides") && e.getMessage().contains("samples"), e.getMessage());
    }

    @Test
    void unknownModelIsNamed() throws IOException {
        Study s = StudyLoader.load(write(VALID), false, Map.of());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.model("cnn")).getMessage().contains("no model 'cnn'"));
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("study.yaml"), text);
    }

    private void assertError(String text, String expected) throws IOException {
        Path file = write(text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyLoader.load(file, false, Map.of()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()) || e.getMessage().contains("parameter"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
