package io.emuflow.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `inference: {likelihood: cmb}` block (issue 23, INFER_CMB): the cmb-emulator study's, and the loader's checks. */
class StudyCmbInferenceTest {
    @TempDir
    Path dir;

    private Path study(String inference) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                name: s
                kind: emulator
                samples: 40
                parameters:
                  - {name: h, lower: 0.6, upper: 0.8}
                simulator: {name: none}
                target: [TT, TE, EE]
                split: {train: 0.6, validation: 0.2, test: 0.2}
                models:
                  - {name: tt, target: TT, hidden_layers: [8]}
                  - {name: te, target: TE, hidden_layers: [8]}
                  - {name: ee, target: EE, hidden_layers: [8]}
                """ + inference);
        return file;
    }

    @Test
    void cmbEmulatorStudyNamesItsThreeEmulatorsAndTheTestProfileShortensTheChain() {
        Path file = Path.of("..", "conf", "studies", "cmb-emulator.yaml");
        Map<String, Object> full = StudyLoader.load(file, false, Map.of()).inference();
        assertEquals("cmb", full.get("likelihood"));
        assertEquals(Map.of("TT", "cmb-tt", "TE", "cmb-te", "EE", "cmb-ee"), full.get("models"));
        assertNull(full.get("model"), "no single model: INFER (the gaussian likelihood) does not run");
        assertEquals(40000, ((Map<?, ?>) full.get("sampler")).get("max_steps"));
        Map<String, Object> test = StudyLoader.load(file, true, Map.of()).inference();
        assertEquals(200, ((Map<?, ?>) test.get("sampler")).get("max_steps"));
        assertEquals(42, ((Map<?, ?>) test.get("sampler")).get("seed"), "test_overrides merge into the block");
    }

    @Test
    void modelsMustBeTheStudysAndTheGaussianKeysDoNotApply() throws Exception {
        assertEquals("te", ((Map<?, ?>) StudyLoader.load(study("inference: {likelihood: cmb, models: {TT: tt, TE: te, EE: ee}}\n"), false, Map.of())
                .inference().get("models")).get("TE"));
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> StudyLoader.load(study("inference: {likelihood: cmb, models: {TT: tt, TE: pp, EE: ee}}\n"), false, Map.of()));
        assertTrue(e.getMessage().contains("models.TE 'pp' is not one of the study's models"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StudyLoader.load(study("inference: {likelihood: cmb, models: {TT: tt, TE: te}}\n"), false, Map.of()));
        assertTrue(e.getMessage().contains("EE"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StudyLoader.load(study("inference: {likelihood: cmb, models: {TT: tt, TE: te, EE: ee}, mock: {fiducial: {h: 0.7}}}\n"),
                        false, Map.of()));
        assertTrue(e.getMessage().contains("'mock' does not apply to likelihood cmb"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StudyLoader.load(study("inference: {likelihood: cmb, models: {TT: tt, TE: te, EE: ee}, f_sky: 1.5}\n"), false, Map.of()));
        assertTrue(e.getMessage().contains("f_sky"), e.getMessage());
    }
}
