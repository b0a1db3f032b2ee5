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

    @Test
    void optimizerIsAdamUnlessRadamIsAskedAndSeluIsAnActivation() {
        assertEquals(ModelSettings.Optimizer.ADAM, ModelSettings.fromMap(flat()).optimizer());
        Map<String, Object> m = flat();
        m.put("optimizer", "radam");
        m.put("activation", "selu");
        ModelSettings s = ModelSettings.fromMap(m);
        assertEquals(ModelSettings.Optimizer.RADAM, s.optimizer());
        assertEquals(ModelSettings.Activation.SELU, s.activation());
        m.put("activation", "leaky_relu"); // the reference's name
        assertEquals(ModelSettings.Activation.LEAKYRELU, ModelSettings.fromMap(m).activation());
        m.put("optimizer", "sgd");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSettings.fromMap(m));
        assertTrue(e.getMessage().contains("'optimizer'") && e.getMessage().contains("sgd"), e.getMessage());
    }

    @Test
    void searchedChoicesMustBeKnownNames() {
        Map<String, Object> m = flat();
        m.put("search", Map.of("space", Map.of("activation", Map.of("choice", List.of("selu", "mish")))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSettings.fromMap(m));
        assertTrue(e.getMessage().contains("'activation'") && e.getMessage().contains("mish"), e.getMessage());
        m.put("search", Map.of("space", Map.of("optimizer", Map.of("choice", List.of("adam", "adamw")))));
        e = assertThrows(IllegalArgumentException.class, () -> ModelSettings.fromMap(m));
        assertTrue(e.getMessage().contains("'optimizer'") && e.getMessage().contains("adamw"), e.getMessage());
    }

    @Test
    void aTrialOfAStagedModelTrainsInItsStagesFromTheSampledRateDividedByTenEachStage() {
        Map<String, Object> m = flat();
        m.put("schedule", Map.of("type", "staged", "learning_rates", List.of(1e-3, 1e-4, 1e-5), "patience", List.of(15, 10, 5),
                "max_epochs", List.of(150, 100, 50)));
        m.put("search", Map.of("space", Map.of("learning_rate", Map.of("low", 1e-5, "high", 1e-2, "log", true),
                "batch_size", Map.of("low", 16, "high", 2048, "log", true), "optimizer", Map.of("choice", List.of("adam", "radam")))));
        ModelSettings base = ModelSettings.fromMap(m);
        ModelSettings trial = base.forTrial(Map.of("learning_rate", 4e-3, "batch_size", 64, "optimizer", "radam"));
        assertNull(trial.search());
        assertEquals(ModelSettings.Optimizer.RADAM, trial.optimizer());
        List<ModelSettings.Stage> stages = trial.schedule().stages();
        assertEquals(3, stages.size());
        double[] rates = {4e-3, 4e-4, 4e-5};
        int[] patience = {15, 10, 5};
        int[] epochs = {150, 100, 50};
        for (int i = 0; i < 3; i++) {
            assertEquals(rates[i], stages.get(i).learningRate(), 1e-15 * rates[i]);
            assertEquals(64, stages.get(i).batchSize());
            assertEquals(patience[i], stages.get(i).patience());
            assertEquals(epochs[i], stages.get(i).maxEpochs());
        }
        // --max-epochs caps every stage of a trial as it does for any model
        List<ModelSettings.Stage> capped = trial.withOverrides(Map.of("max_epochs", 60)).schedule().stages();
        for (int i = 0; i < 3; i++) {
            assertEquals(Math.min(60, epochs[i]), capped.get(i).maxEpochs());
            assertEquals(rates[i], capped.get(i).learningRate(), 1e-15 * rates[i]);
        }
        // the trial's settings (what its record and bundle keep) read back to the same schedule
        assertEquals(trial.schedule(), ModelSettings.fromMap(trial.toMap()).schedule());
        // without a point the model trains on its own schedule
        assertEquals(base.schedule(), base.forTrial(Map.of()).schedule());
    }
}
