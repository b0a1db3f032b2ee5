package io.emuflow.ml.inverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.study.Study;
import io.emuflow.study.StudyLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** conf/studies/box-cnn.yaml: the five channel combinations of the reference and the halo power spectrum baseline, full and test size. */
class BoxCnnStudyTest {
    @Test
    void studyListsTheChannelCombinationsAndTheBaseline() {
        Path file = Path.of("..", "conf", "studies", "box-cnn.yaml");
        for (boolean testSize : new boolean[] {false, true}) {
            Study study = StudyLoader.load(file, testSize, Map.of());
            assertEquals("inverse", study.kind());
            List<List<String>> combos = new ArrayList<>();
            List<String> dense = new ArrayList<>();
            for (Map<String, Object> model : study.models()) {
                InverseSettings s = InverseSettings.fromMap(model);
                if (s.network() == InverseSettings.Network.CNN3D) {
                    combos.add(s.boxSettings().channels());
                    Cnn3dNetworkFactory.sides(s, 32); // fits the simulator's 32^3 boxes
                    assertTrue(s.boxSettings().augment());
                } else {
                    dense.addAll(s.inputs());
                }
            }
            assertEquals(List.of(List.of("nhalo"), List.of("mass"), List.of("speed"), List.of("nhalo", "mass"),
                    List.of("nhalo", "mass", "speed")), combos);
            assertEquals(List.of("pk_halo"), dense);
            // the halo-boxes simulator accepts the study's settings and box, and makes the target the baseline reads
            var simulator = io.emuflow.simulate.SimulatorRegistry.createFor(study.simulator(), study.simulatorSettings(), study.parameters());
            assertEquals("pk_halo", simulator.targets().get(0).name());
            assertEquals(List.of("nhalo", "mass", "speed"), simulator.boxes().stream().map(b -> b.name()).toList());
            if (!testSize) {
                assertTrue(study.samples() >= 2000, "at least 2000 boxes");
                InverseSettings reference = InverseSettings.fromMap(study.models().get(0));
                assertEquals(List.of(32, 64, 128), reference.convFilters());
                assertEquals(List.of(1024, 256), reference.hiddenLayers());
            }
        }
    }
}
