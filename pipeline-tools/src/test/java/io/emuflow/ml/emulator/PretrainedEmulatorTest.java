package io.emuflow.ml.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emuflow.data.Parameter;
import io.emuflow.simulate.Simulator;
import io.emuflow.simulate.SimulatorRegistry;
import io.emuflow.study.Study;
import io.emuflow.study.StudyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pretrained {@code pk-emulator} shipped in the jar (issue 19): it unpacks on a fresh machine, and on fresh
 * random cosmologies inside its box (uniform draws, not the training Latin hypercube, with a seed of their own) it
 * is as accurate against the {@code halofit} simulator as its model card says.
 */
class PretrainedEmulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FRESH = 2000;

    @Test
    void theModelCardsPercentilesHoldOnFreshCosmologiesWithinTheirSamplingError(@TempDir Path cache) throws Exception {
        Path bundle = Pretrained.bundle("pretrained:pk-emulator", cache);
        Emulator emulator = Emulator.load(bundle);
        Study study = StudyLoader.load(bundle.resolve("study.json"), false, Map.of());
        Simulator halofit = SimulatorRegistry.createFor(study.simulator(), study.simulatorSettings(), study.parameters());
        assertArrayEquals(halofit.grid(), emulator.metadata().grid(), 0.0, "the model's k grid is the simulator's");

        List<String> names = emulator.metadata().paramNames();
        SplittableRandom random = new SplittableRandom(20261207);
        double[][] points = new double[FRESH][names.size()];
        for (double[] point : points) {
            for (int c = 0; c < names.size(); c++) {
                Parameter p = parameter(study, names.get(c));
                point[c] = p.lower() + random.nextDouble() * (p.upper() - p.lower());
            }
        }
        double[][] predicted = emulator.predict(points);
        double[] maxError = new double[FRESH];
        int target = halofit.targets().stream().map(Simulator.TargetSpec::name).toList().indexOf(emulator.metadata().targetName());
        for (int i = 0; i < FRESH; i++) {
            double[] truth = halofit.simulate(names, points[i])[target];
            for (int j = 0; j < truth.length; j++) {
                maxError[i] = Math.max(maxError[i], Math.abs(predicted[i][j] / truth[j] - 1));
            }
        }

        JsonNode test = JSON.readTree(bundle.resolve("model_card.json").toFile()).at("/metrics/test/max_rel_error_percentiles");
        // The share of fresh points worse than the card's q-th percentile is Binomial(n, 1 - q) if the card holds;
        // 4 standard deviations (plus one point) leave room for the card's own sampling error (7,000 test samples).
        for (String key : List.of("p50", "p95", "p99")) {
            double q = Integer.parseInt(key.substring(1)) / 100.0;
            double cardValue = test.get(key).asDouble();
            long worse = java.util.Arrays.stream(maxError).filter(e -> e > cardValue).count();
            double mean = FRESH * (1 - q);
            double sd = Math.sqrt(FRESH * q * (1 - q));
            System.out.printf(java.util.Locale.ROOT, "pretrained pk-emulator, %s: %d of %d fresh points worse than the card's %.4f%% (expected %.0f +- %.1f)%n",
                    key, worse, FRESH, 100 * cardValue, mean, sd);
            assertTrue(Math.abs(worse - mean) <= 4 * sd + 1, String.format(
                    "%s: %d of %d fresh points are worse than the card's %.4f%% (expected %.0f +- %.1f)", key, worse, FRESH,
                    100 * cardValue, mean, sd));
        }
    }

    @Test
    void theFastPathGivesTheSameSpectra() {
        Emulator emulator = Pretrained.emulator("pk-emulator");
        double[] point = {67.5, 0.0224, 0.12, 3.044, 0.965, 0.5};
        double[] slow = emulator.predictLog10(new double[][] {point})[0];
        double[] fast = FastEmulator.pretrained("pk-emulator").predictLog10(point);
        for (int j = 0; j < slow.length; j++) {
            assertEquals(slow[j], fast[j], 1e-5, "log10 P at k index " + j); // float32 sums in another order
        }
    }

    @Test
    void anAlteredCacheIsRefusedAndAnUnknownNameListsTheModels(@TempDir Path cache) throws Exception {
        Path bundle = Pretrained.bundle("pretrained:pk-emulator", cache);
        assertEquals(bundle, Pretrained.bundle("pk-emulator", cache), "the second call reuses the unpacked copy");
        Files.write(bundle.resolve("params.bin"), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        IllegalStateException altered = assertThrows(IllegalStateException.class, () -> Pretrained.bundle("pk-emulator", cache));
        assertTrue(altered.getMessage().contains("params.bin is missing or altered"), altered.getMessage());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Pretrained.bundle("pretrained:nope", cache));
        assertEquals("no pretrained model 'nope'; this jar has: " + String.join(", ", Pretrained.names()), unknown.getMessage());
        assertTrue(Pretrained.names().contains("pk-emulator"));
    }

    private static Parameter parameter(Study study, String name) {
        return study.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
