package io.emuflow.ml.inverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InverseSettingsTest {
    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "m");
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void defaultsAreADenseRegressorOnLog10Spectra() {
        InverseSettings s = InverseSettings.fromMap(map());
        assertEquals(InverseSettings.Network.DENSE, s.network());
        assertEquals(InverseSettings.Task.REGRESSION, s.task());
        assertTrue(s.log10Inputs());
        assertEquals(25, s.classes());
        assertEquals(List.of(), s.inputs());
        assertEquals(List.of(256, 256, 256), s.hiddenLayers());
    }

    @Test
    void readsACnnClassifierWithItsInputs() {
        InverseSettings s = InverseSettings.fromMap(map("network", "cnn", "task", "classification",
                "inputs", List.of("delta2_z7", "delta2_z8"), "conv_filters", List.of(16, 32), "input_transform", "linear"));
        assertEquals(InverseSettings.Network.CNN, s.network());
        assertEquals(InverseSettings.Task.CLASSIFICATION, s.task());
        assertEquals(List.of("delta2_z7", "delta2_z8"), s.inputs());
        assertEquals(List.of(16, 32), s.convFilters());
        assertEquals(List.of(128), s.hiddenLayers());
        assertFalse(s.log10Inputs());
    }

    @Test
    void refusesUnknownKeysAndBadValuesNamingTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InverseSettings.fromMap(map("hiden_layers", List.of(3))))
                .getMessage().contains("hiden_layers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InverseSettings.fromMap(map("network", "rnn")))
                .getMessage().contains("network"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InverseSettings.fromMap(map("classes", 1)))
                .getMessage().contains("classes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InverseSettings.fromMap(map("inputs", List.of("a", "a"))))
                .getMessage().contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InverseSettings.fromMap(map("learning_rate", "fast")))
                .getMessage().contains("learning_rate"));
        assertThrows(IllegalArgumentException.class, () -> InverseSettings.fromMap(map("name", "a b")));
    }

    @Test
    void theShippedStudyModelsParseInFullAndTestSize() {
        // surefire runs in pipeline-tools/: the study file is the repository's own
        java.nio.file.Path file = java.nio.file.Path.of("..", "conf", "studies", "reion21cm-inverse.yaml");
        for (boolean testSize : new boolean[] {false, true}) {
            io.emuflow.study.Study study = io.emuflow.study.StudyLoader.load(file, testSize, Map.of());
            List<String> names = new java.util.ArrayList<>();
            for (Map<String, Object> model : study.models()) {
                InverseSettings s = InverseSettings.fromMap(model);
                names.add(s.name());
                assertEquals(testSize ? List.of("delta2_z8") : List.of("delta2_z6", "delta2_z7", "delta2_z8", "delta2_z9",
                        "delta2_z10", "delta2_z11", "delta2_z12", "delta2_z13"), s.inputs());
            }
            assertEquals(List.of("dense-regressor", "dense-regressor-gaussian", "dense-regressor-mixture", "cnn-regressor", "dense-classifier",
                    "cnn-classifier"), names);
            // the inputs are exactly the simulator's redshifts, in order: one spectrum per simulated redshift
            List<String> simulated = new java.util.ArrayList<>();
            for (Object z : (List<?>) study.simulatorSettings().get("redshifts")) {
                simulated.add("delta2_z" + ((Number) z).intValue());
            }
            assertEquals(simulated, InverseSettings.fromMap(study.models().get(0)).inputs());
        }
    }

    @Test
    void maxEpochsCapsButNeverRaises() {
        InverseSettings s = InverseSettings.fromMap(map("max_epochs", 100));
        assertEquals(20, s.withMaxEpochs(20).maxEpochs());
        assertEquals(100, s.withMaxEpochs(500).maxEpochs());
        assertEquals(s.toMap().get("name"), InverseSettings.fromMap(s.withMaxEpochs(20).toMap()).name());
    }
}
