package io.emuflow.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study's `inference:` block (issue 18): schema, defaults and the checks StudyLoader adds. */
class StudyInferenceTest {
    @TempDir
    Path dir;

    private Path study(String inference) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                name: s
                kind: emulator
                samples: 40
                parameters:
                  - {name: H0, lower: 60, upper: 80}
                simulator: {name: none}
                target: P_nl
                split: {train: 0.6, validation: 0.2, test: 0.2}
                models:
                  - {name: first, hidden_layers: [8]}
                  - {name: second, hidden_layers: [8]}
                """ + inference);
        return file;
    }

    @Test
    void pkEmulatorStudyAndItsTestSizeCarryAnInferenceBlock() {
        Path file = Path.of("..", "conf", "studies", "pk-emulator.yaml");
        Map<String, Object> full = StudyLoader.load(file, false, Map.of()).inference();
        assertEquals("mlp", full.get("model"));
        Map<String, Object> test = StudyLoader.load(file, true, Map.of()).inference();
        // test_overrides merge into the block: one redshift, three fixed parameters, a 400-step cap
        assertEquals(List.of(0.5), ((Map<?, ?>) test.get("mock")).get("z"));
        assertEquals(67.5, ((Map<?, ?>) test.get("priors")).get("H0"));
        assertEquals(400, ((Map<?, ?>) test.get("sampler")).get("max_steps"));
        assertEquals(0.12, ((Map<?, ?>) ((Map<?, ?>) test.get("mock")).get("fiducial")).get("omega_c"));
    }

    @Test
    void modelDefaultsToTheFirstAndMustExist() throws Exception {
        Study s = StudyLoader.load(study("inference: {mock: {fiducial: {H0: 70}}}\n"), false, Map.of());
        assertEquals("first", s.inference().get("model"));
        assertTrue(StudyLoader.toJson(s).contains("\"model\" : \"first\""));
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> StudyLoader.load(study("inference: {model: third, data: d.csv}\n"), false, Map.of()));
        assertTrue(e.getMessage().contains("model 'third' is not one of the study's models"), e.getMessage());
        assertNull(StudyLoader.load(study(""), false, Map.of()).inference());
    }

    @Test
    void badBlocksAreRefused() throws Exception {
        Exception both = assertThrows(IllegalArgumentException.class,
                () -> StudyLoader.load(study("inference: {data: d.csv, mock: {fiducial: {H0: 70}}}\n"), false, Map.of()));
        assertTrue(both.getMessage().contains("either data"), both.getMessage());
        Exception schema = assertThrows(IllegalArgumentException.class,
                () -> StudyLoader.load(study("inference: {data: d.csv, sampler: {name: gibbs}}\n"), false, Map.of()));
        assertTrue(schema.getMessage().contains("invalid"), schema.getMessage());
        Exception prior = assertThrows(IllegalArgumentException.class,
                () -> StudyLoader.load(study("inference: {data: d.csv, priors: {H0: {cauchy: [1, 2]}}}\n"), false, Map.of()));
        assertTrue(prior.getMessage().contains("invalid"), prior.getMessage());
    }

    /** The cmb-emulator study's `inference: {likelihood: cmb}` block (issue 23, INFER_CMB) and its test-profile override. */
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

    /** likelihood cmb: models must be the study's, all three named; the gaussian likelihood's keys are refused. */
    @Test
    void cmbModelsMustBeTheStudysAndTheGaussianKeysDoNotApply() throws Exception {
        String models = "models: {TT: first, TE: second, EE: first}";
        assertEquals("second", ((Map<?, ?>) StudyLoader.load(study("inference: {likelihood: cmb, " + models + "}\n"), false, Map.of())
                .inference().get("models")).get("TE"));
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> StudyLoader.load(study("inference: {likelihood: cmb, models: {TT: first, TE: pp, EE: first}}\n"), false, Map.of()));
        assertTrue(e.getMessage().contains("models.TE 'pp' is not one of the study's models"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StudyLoader.load(study("inference: {likelihood: cmb, models: {TT: first, TE: second}}\n"), false, Map.of()));
        assertTrue(e.getMessage().contains("EE"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StudyLoader.load(study("inference: {likelihood: cmb, " + models + ", mock: {fiducial: {H0: 70}}}\n"), false, Map.of()));
        assertTrue(e.getMessage().contains("'mock' does not apply to likelihood cmb"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StudyLoader.load(study("inference: {likelihood: cmb, " + models + ", f_sky: 1.5}\n"), false, Map.of()));
        assertTrue(e.getMessage().contains("f_sky"), e.getMessage());
    }
}
