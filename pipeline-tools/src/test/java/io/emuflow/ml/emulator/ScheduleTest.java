package io.emuflow.ml.emulator;

import io.emuflow.ml.EpochRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Training follows the schedule the study asks for (rates, stage ends, plateau cuts) and fine-tuning only helps. */
class ScheduleTest {
    static List<Double> rates(Emulator e) {
        return new ArrayList<>(new LinkedHashSet<>(e.history().stream().map(EpochRecord::learningRate).toList()));
    }

    @Test
    void stagedScheduleRunsEachStageAtItsRateWithItsPatience() {
        Emulator e = EmulatorTrainerTest.train(EmulatorTrainerTest.settings("schedule", Map.of("type", "staged",
                "learning_rates", List.of(1e-2, 1e-3, 1e-4), "batch_sizes", List.of(64, 32, 32), "patience", 3, "max_epochs", 15)), 4);
        assertEquals(List.of(1e-2, 1e-3, 1e-4), rates(e));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> stages = (List<Map<String, Object>>) e.trainingSummary().get("stages");
        assertEquals(3, stages.size());
        int total = 0;
        for (Map<String, Object> st : stages) {
            int epochs = (Integer) st.get("epochs");
            assertTrue(epochs >= 1 && epochs <= 15);
            total += epochs;
        }
        assertEquals(total, e.history().size());
        // each stage starts from the best weights: the best loss never gets worse from stage to stage
        double previous = Double.POSITIVE_INFINITY;
        for (Map<String, Object> st : stages) {
            double best = (Double) st.get("best_validation_loss");
            assertTrue(best <= previous);
            previous = best;
        }
    }

    @Test
    void fixedStagesDivideTheRateByTen() {
        Emulator e = EmulatorTrainerTest.train(EmulatorTrainerTest.settings("schedule", Map.of("type", "fixed_stages", "stages", 3,
                "learning_rate", 1e-2, "patience", 2, "max_epochs", 6)), 4);
        List<Double> r = rates(e);
        assertEquals(3, r.size());
        assertEquals(1e-2, r.get(0), 1e-15);
        assertEquals(1e-3, r.get(1), 1e-15);
        assertEquals(1e-4, r.get(2), 1e-15);
    }

    @Test
    void reduceOnPlateauCutsTheRateOnlyAfterAPlateau() {
        Emulator e = EmulatorTrainerTest.train(EmulatorTrainerTest.settings("schedule", Map.of("type", "reduce_on_plateau",
                "learning_rate", 0.02, "factor", 0.5, "plateau_patience", 2, "min_learning_rate", 1e-5, "patience", 12, "max_epochs", 120)), 6);
        List<EpochRecord> h = e.history();
        double best = Double.POSITIVE_INFINITY;
        int lastImprovement = 0;
        int cuts = 0;
        for (int i = 0; i < h.size(); i++) {
            if (i > 0 && h.get(i).learningRate() != h.get(i - 1).learningRate()) {
                cuts++;
                assertEquals(0.5 * h.get(i - 1).learningRate(), h.get(i).learningRate(), 1e-15);
                int stale = i - lastImprovement; // epochs (1-based i) since the last improvement, up to epoch i
                assertTrue(stale >= 2 && stale % 2 == 0, "cut after " + stale + " stale epochs at epoch " + i);
            }
            if (h.get(i).validationLoss() < best) {
                best = h.get(i).validationLoss();
                lastImprovement = i + 1;
            }
        }
        assertTrue(cuts >= 1, "no plateau in " + h.size() + " epochs: the test proves nothing");
    }

    @Test
    void fineTuningOnTheWorstSamplesNeverLosesValidationAccuracy() {
        Emulator plain = EmulatorTrainerTest.train(EmulatorTrainerTest.settings("max_epochs", 15), 12);
        Emulator tuned = EmulatorTrainerTest.train(EmulatorTrainerTest.settings("max_epochs", 15,
                "fine_tune", Map.of("samples", 40, "learning_rate", 1e-4, "max_epochs", 10, "patience", 4)), 12);
        // same seed, same schedule: identical until fine-tuning starts
        for (int i = 0; i < plain.history().size(); i++) {
            assertEquals(plain.history().get(i), tuned.history().get(i));
        }
        assertTrue(tuned.history().size() > plain.history().size());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> stages = (List<Map<String, Object>>) tuned.trainingSummary().get("stages");
        Map<String, Object> fine = stages.get(stages.size() - 1);
        assertEquals("fine-tune", fine.get("label"));
        assertEquals(40, fine.get("samples"));
        assertTrue(EmulatorTrainerTest.standardisedMse(tuned, EmulatorTrainerTest.VALIDATION)
                <= EmulatorTrainerTest.standardisedMse(plain, EmulatorTrainerTest.VALIDATION) * (1 + 1e-6));
    }

    @Test
    void worstSamplesAreTheOnesWithTheLargestError() {
        Emulator e = EmulatorTrainerTest.train(EmulatorTrainerTest.settings("max_epochs", 3), 2);
        TrainingData train = EmulatorTrainerTest.TRAIN;
        int[] worst = EmulatorTrainer.worstSamples(e, train, 10);
        double[][] p = e.predictLog10(train.inputs());
        double[] err = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[i].length; j++) {
                err[i] = Math.max(err[i], Math.abs(p[i][j] - train.targets()[i][j]));
            }
        }
        double smallestChosen = Double.POSITIVE_INFINITY;
        java.util.Set<Integer> chosen = new java.util.HashSet<>();
        for (int i : worst) {
            smallestChosen = Math.min(smallestChosen, err[i]);
            chosen.add(i);
        }
        for (int i = 0; i < err.length; i++) {
            if (!chosen.contains(i)) {
                assertTrue(err[i] <= smallestChosen);
            }
        }
    }
}
