package io.emuflow.ml.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSettingsTest {
    static Map<String, Object> flat() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "mlp");
        m.put("hidden_layers", List.of(512, 512, 512, 512));
        m.put("activation", "cosmopower");
        m.put("learning_rate", 1e-3);
        m.put("batch_size", 512);
        m.put("max_epochs", 1000);
        m.put("patience", 20);
        return m;
    }

    @Test
    void flatFormIsOneStage() {
        ModelSettings s = ModelSettings.fromMap(flat());
        assertEquals("mlp", s.name());
        assertEquals(List.of(512, 512, 512, 512), s.hiddenLayers());
        assertEquals(ModelSettings.Activation.COSMOPOWER, s.activation());
        assertEquals(List.of(new ModelSettings.Stage(1e-3, 512, 20, 1000)), s.schedule().stages());
        assertNull(s.pcaComponents());
        assertNull(s.fineTune());
        assertEquals(flat(), s.toMap());
    }

    @Test
    void unknownKeysAndWrongTypesAreRefusedByName() {
        Map<String, Object> m = flat();
        m.put("hiden_layers", List.of(3));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelSettings.fromMap(m)).getMessage().contains("'hiden_layers'"));
        Map<String, Object> wrong = flat();
        wrong.put("batch_size", "big");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelSettings.fromMap(wrong)).getMessage().contains("'batch_size'"));
        Map<String, Object> fraction = flat();
        fraction.put("batch_size", 3.5);
        assertThrows(IllegalArgumentException.class, () -> ModelSettings.fromMap(fraction));
        Map<String, Object> act = flat();
        act.put("activation", "softplusx");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelSettings.fromMap(act)).getMessage().contains("activation"));
        Map<String, Object> layers = flat();
        layers.put("hidden_layers", List.of(0));
        assertThrows(IllegalArgumentException.class, () -> ModelSettings.fromMap(layers));
    }

    @Test
    void stagedScheduleFollowsCosmoPower() {
        Map<String, Object> m = flat();
        m.put("schedule", Map.of("type", "staged", "learning_rates", List.of(1e-2, 1e-3, 1e-4),
                "batch_sizes", List.of(1024, 1024, 512), "patience", 100));
        ModelSettings s = ModelSettings.fromMap(m);
        assertEquals(List.of(new ModelSettings.Stage(1e-2, 1024, 100, 1000), new ModelSettings.Stage(1e-3, 1024, 100, 1000),
                new ModelSettings.Stage(1e-4, 512, 100, 1000)), s.schedule().stages());
        Map<String, Object> bad = flat();
        bad.put("schedule", Map.of("type", "staged", "learning_rates", List.of(1e-2, 1e-3), "batch_sizes", List.of(1)));
        assertThrows(IllegalArgumentException.class, () -> ModelSettings.fromMap(bad));
    }

    @Test
    void fixedStagesDivideTheRateByTen() {
        Map<String, Object> m = flat();
        m.put("schedule", Map.of("type", "fixed_stages", "stages", 3, "learning_rate", 1e-2));
        List<ModelSettings.Stage> stages = ModelSettings.fromMap(m).schedule().stages();
        assertEquals(3, stages.size());
        assertEquals(1e-2, stages.get(0).learningRate(), 1e-15);
        assertEquals(1e-3, stages.get(1).learningRate(), 1e-15);
        assertEquals(1e-4, stages.get(2).learningRate(), 1e-15);
    }

    @Test
    void maxEpochsOverrideCapsEveryStageAndFineTuning() {
        Map<String, Object> m = flat();
        m.put("schedule", Map.of("type", "staged", "learning_rates", List.of(1e-2, 1e-3), "max_epochs", List.of(500, 300)));
        m.put("fine_tune", Map.of("samples", 100, "max_epochs", 50));
        ModelSettings s = ModelSettings.fromMap(m).withOverrides(Map.of("max_epochs", 3));
        s.schedule().stages().forEach(st -> assertEquals(3, st.maxEpochs()));
        assertEquals(3, s.fineTune().stage().maxEpochs());
        assertEquals(3, s.toMap().get("max_epochs"));
        // and the capped settings parse again from what provenance records
        assertEquals(s.schedule(), ModelSettings.fromMap(s.toMap()).schedule());
    }

    @Test
    void pcaScalingIsPerComponentUnlessCommonIsAsked() {
        Map<String, Object> m = flat();
        m.put("pca_components", 32);
        assertEquals(Pca.Scaling.PER_COMPONENT, ModelSettings.fromMap(m).pcaScaling());
        m.put("pca_scaling", "common");
        ModelSettings common = ModelSettings.fromMap(m);
        assertEquals(Pca.Scaling.COMMON, common.pcaScaling());
        assertEquals("common", common.toMap().get("pca_scaling"));
        m.put("pca_scaling", "per_component");
        assertEquals(Pca.Scaling.PER_COMPONENT, ModelSettings.fromMap(m).pcaScaling());
    }

    @Test
    void badPcaScalingIsRefusedClearly() {
        Map<String, Object> m = flat();
        m.put("pca_components", 32);
        m.put("pca_scaling", "global");
        assertEquals("model setting 'pca_scaling' must be per_component or common, got 'global'",
                assertThrows(IllegalArgumentException.class, () -> ModelSettings.fromMap(m)).getMessage());
        m.put("pca_scaling", 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelSettings.fromMap(m)).getMessage().contains("'pca_scaling' must be a string"));
        Map<String, Object> alone = flat();
        alone.put("pca_scaling", "common");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelSettings.fromMap(alone)).getMessage()
                .contains("'pca_scaling' applies only with 'pca_components'"));
    }

    @Test
    void targetScalingIsPerColumnUnlessSetAndBadValuesAreRefused() {
        Map<String, Object> m = flat();
        assertEquals(ModelSettings.TargetScaling.PER_COLUMN, ModelSettings.fromMap(m).targetScaling());
        m.put("target_scaling", "common");
        assertEquals(ModelSettings.TargetScaling.COMMON, ModelSettings.fromMap(m).targetScaling());
        m.put("target_scaling", "global");
        assertEquals("model setting 'target_scaling' must be per_column or common, got 'global'",
                assertThrows(IllegalArgumentException.class, () -> ModelSettings.fromMap(m)).getMessage());
    }
}
