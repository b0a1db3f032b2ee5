package io.emuflow.ml.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.ml.emulator.ModelSettings;
import io.emuflow.study.Study;
import io.emuflow.study.StudyLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The halomodel study's search covers the reference's space and trains every trial in three stages. */
class HalomodelSearchStudyTest {
    static ModelSettings searched(boolean testSize) {
        Study study = StudyLoader.load(Path.of("..", "conf", "studies", "halomodel-emulator.yaml"), testSize, Map.of());
        Map<String, Object> entry = new LinkedHashMap<>(study.model("searched"));
        entry.remove("target");
        return ModelSettings.fromMap(entry);
    }

    @Test
    void everyTrialTrainsInThreeStagesFromItsSampledRate() {
        for (boolean testSize : new boolean[] {false, true}) {
            ModelSettings base = searched(testSize);
            SearchSpace space = base.search();
            Set<Object> activations = new HashSet<>();
            Set<Object> optimizers = new HashSet<>();
            List<TrialSampler.Observation> done = new ArrayList<>();
            for (int t = 0; t < space.trials(); t++) {
                Map<String, Object> point = TrialSampler.propose(space, t, 42, done);
                ModelSettings trial = base.forTrial(point);
                List<ModelSettings.Stage> stages = trial.schedule().stages();
                assertEquals(3, stages.size());
                double lr = (Double) point.get("learning_rate");
                for (int i = 0; i < 3; i++) {
                    assertEquals(lr / Math.pow(10, i), stages.get(i).learningRate(), 1e-12 * lr);
                    assertEquals(base.schedule().stages().get(i).patience(), stages.get(i).patience());
                    assertEquals(base.schedule().stages().get(i).maxEpochs(), stages.get(i).maxEpochs());
                }
                assertEquals(point.get("optimizer"), trial.optimizer().key());
                activations.add(point.get("activation"));
                optimizers.add(point.get("optimizer"));
                done.add(new TrialSampler.Observation(t, point, t % 5));
            }
            if (!testSize) {
                assertEquals(30, base.schedule().stages().stream().mapToInt(ModelSettings.Stage::maxEpochs).sum());
                assertTrue(optimizers.containsAll(List.of("adam", "radam")), optimizers.toString());
                assertTrue(activations.size() >= 3, activations.toString());   // 6 trials over 9 activations
            }
        }
    }

    /** The default bounds depth, width and batch size inside the reference's space (2 cores, 2 hours); every
     *  activation and optimizer of the reference stays searchable. */
    @Test
    void theSpaceIsInsideTheReferences() {
        Map<String, SearchSpace.Dimension> d = new LinkedHashMap<>();
        searched(false).search().dimensions().forEach(x -> d.put(x.key(), x));
        assertInside(d.get("layers"), 1, 20);
        assertInside(d.get("width"), 16, 2048);
        assertInside(d.get("batch_size"), 16, 2048);
        assertEquals(List.of(1e-5, 1e-2), List.of(d.get("learning_rate").low(), d.get("learning_rate").high()));
        assertEquals(List.of(0.0, 0.5), List.of(d.get("dropout").low(), d.get("dropout").high()));
        assertEquals(Set.of("relu", "selu", "leakyrelu", "elu", "gelu", "swish", "sigmoid", "tanh", "cosmopower"),
                new HashSet<>(d.get("activation").choices()));
        assertEquals(Set.of("adam", "radam"), new HashSet<>(d.get("optimizer").choices()));
    }

    private static void assertInside(SearchSpace.Dimension dimension, double low, double high) {
        assertTrue(dimension.low() >= low && dimension.high() <= high && dimension.low() < dimension.high(),
                dimension.key() + " [" + dimension.low() + ", " + dimension.high() + "] inside [" + low + ", " + high + "]");
    }
}
