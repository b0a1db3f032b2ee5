package io.emuflow.ml.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialSamplerTest {
    static SearchSpace space(String sampler, int trials) {
        return SearchSpace.parse(Map.of("sampler", sampler, "trials", trials, "startup_trials", 8, "space", Map.of(
                "learning_rate", Map.of("low", 1e-5, "high", 1e-1, "log", true),
                "activation", Map.of("choice", List.of("cosmopower", "relu", "tanh", "gelu")),
                "layers", Map.of("low", 1, "high", 6),
                "width", Map.of("low", 16, "high", 1024, "log", true))));
    }

    /** A cheap stand-in for a validation loss: best at lr = 1e-3, gelu, 4 layers of about 256. */
    static double objective(Map<String, Object> p) {
        double lr = Math.log10((Double) p.get("learning_rate")) + 3;
        double width = Math.log((Integer) p.get("width") / 256.0);
        int layers = (Integer) p.get("layers");
        return lr * lr + width * width + 0.1 * (layers - 4) * (layers - 4) + (p.get("activation").equals("gelu") ? 0 : 1);
    }

    static double bestAfter(SearchSpace space, long seed) {
        List<TrialSampler.Observation> done = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int t = 0; t < space.trials(); t++) {
            Map<String, Object> p = TrialSampler.propose(space, t, seed, done);
            double loss = objective(p);
            best = Math.min(best, loss);
            done.add(new TrialSampler.Observation(t, p, loss));
        }
        return best;
    }

    @Test
    void randomProposalsStayInTheBoxAndAreReproducible() {
        SearchSpace s = space("random", 2000);
        int belowGeometricMean = 0;
        for (int t = 0; t < 2000; t++) {
            Map<String, Object> p = TrialSampler.propose(s, t, 5, List.of());
            double lr = (Double) p.get("learning_rate");
            int width = (Integer) p.get("width");
            int layers = (Integer) p.get("layers");
            assertTrue(lr >= 1e-5 && lr <= 1e-1);
            assertTrue(width >= 16 && width <= 1024 && layers >= 1 && layers <= 6);
            if (lr < 1e-3) {
                belowGeometricMean++;
            }
            assertEquals(p, TrialSampler.propose(s, t, 5, List.of()));
        }
        // log-uniform: half the draws below the geometric mean of the range (binomial sd about 22)
        assertEquals(1000, belowGeometricMean, 90);
        assertNotEquals(TrialSampler.propose(s, 0, 5, List.of()), TrialSampler.propose(s, 1, 5, List.of()));
    }

    @Test
    void tpeFindsBetterSettingsThanRandomSearchWithTheSameBudget() {
        double[] tpe = new double[15];
        double[] random = new double[15];
        for (int seed = 0; seed < 15; seed++) {
            tpe[seed] = bestAfter(space("tpe", 60), seed);
            random[seed] = bestAfter(space("random", 60), seed);
        }
        Arrays.sort(tpe);
        Arrays.sort(random);
        assertTrue(tpe[7] < 0.5 * random[7], "median best: TPE " + tpe[7] + ", random " + random[7]);
    }

    @Test
    void proposalsDependOnlyOnSeedIndexAndFinishedTrials() {
        SearchSpace s = space("tpe", 20);
        List<TrialSampler.Observation> done = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            Map<String, Object> p = TrialSampler.propose(s, t, 3, done);
            done.add(new TrialSampler.Observation(t, p, objective(p)));
        }
        List<TrialSampler.Observation> shuffled = new ArrayList<>(done);
        java.util.Collections.reverse(shuffled);
        assertEquals(TrialSampler.propose(s, 12, 3, done), TrialSampler.propose(s, 12, 3, shuffled));
    }

    @Test
    void badSpacesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.parse(Map.of("space", Map.of("momentum", Map.of("low", 0, "high", 1)))));
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.parse(Map.of("space", Map.of("learning_rate",
                Map.of("low", 0, "high", 1, "log", true)))));
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.parse(Map.of("space", Map.of("layers", Map.of("low", 1, "high", 3)))));
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.parse(Map.of("sampler", "grid", "space",
                Map.of("dropout", Map.of("low", 0, "high", 0.5)))));
        assertThrows(IllegalArgumentException.class, () -> TrialSampler.propose(space("random", 3), 3, 1, List.of()));
        // names take a choice list, never a range
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.parse(Map.of("space",
                Map.of("optimizer", Map.of("low", 0, "high", 1)))));
        assertTrue(e.getMessage().contains("'optimizer'") && e.getMessage().contains("choice"), e.getMessage());
    }

    @Test
    void optimizerAndSeluAreSearchableChoices() {
        SearchSpace space = SearchSpace.parse(Map.of("sampler", "random", "trials", 40, "space", Map.of(
                "optimizer", Map.of("choice", List.of("adam", "radam")),
                "activation", Map.of("choice", List.of("selu", "relu")))));
        java.util.Set<Object> optimizers = new java.util.HashSet<>();
        java.util.Set<Object> activations = new java.util.HashSet<>();
        for (int t = 0; t < 40; t++) {
            Map<String, Object> p = TrialSampler.propose(space, t, 5, List.of());
            optimizers.add(p.get("optimizer"));
            activations.add(p.get("activation"));
        }
        assertEquals(java.util.Set.of("adam", "radam"), optimizers);
        assertEquals(java.util.Set.of("selu", "relu"), activations);
    }
}
