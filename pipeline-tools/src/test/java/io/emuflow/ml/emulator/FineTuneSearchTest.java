package io.emuflow.ml.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.ml.search.FineTuneLog;
import io.emuflow.ml.search.FineTuneRecord;
import io.emuflow.ml.search.TrialSampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fine_tune search block: parsing, proposals inside the space, and the keep-only-if-better selection. */
class FineTuneSearchTest {
    static final Map<String, Object> SEARCH = Map.of("trials", 6, "startup_trials", 3, "sampler", "tpe", "space", Map.of(
            "samples", Map.of("low", 10, "high", 300),
            "learning_rate", Map.of("low", 1e-6, "high", 1e-4, "log", true),
            "batch_size", Map.of("choice", List.of(16, 32, 64)),
            "max_epochs", Map.of("low", 5, "high", 50)));

    @Test
    void aModelWithASearchedFineTuneSkipsThePassInTraining() {
        ModelSettings s = EmulatorTrainerTest.settings("max_epochs", 3,
                "fine_tune", Map.of("samples", 40, "patience", 4, "search", SEARCH));
        assertTrue(s.fineTune().searched());
        assertEquals(6, s.fineTune().search().space().trials());
        Emulator e = EmulatorTrainerTest.train(s, 1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> stages = (List<Map<String, Object>>) e.trainingSummary().get("stages");
        assertTrue(stages.stream().noneMatch(st -> "fine-tune".equals(st.get("label"))), stages.toString());
        assertNull(EmulatorTrainerTest.settings("fine_tune", Map.of("samples", 40)).fineTune().search());
    }

    @Test
    void proposalsStayInsideTheSpaceAndFillInTheModelsOwnValues() {
        FineTuneSearch search = FineTuneSearch.parse(SEARCH);
        ModelSettings.FineTune defaults = new ModelSettings.FineTune(40, new ModelSettings.Stage(1e-5, 8, 7, 100), null);
        List<TrialSampler.Observation> finished = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Map<String, Object> point = TrialSampler.propose(search.space(), i, 11, finished);
            ModelSettings.FineTune ft = search.settings(defaults, point);
            assertTrue(ft.samples() >= 10 && ft.samples() <= 300, point.toString());
            assertTrue(ft.stage().learningRate() >= 1e-6 && ft.stage().learningRate() <= 1e-4, point.toString());
            assertTrue(List.of(16, 32, 64).contains(ft.stage().batchSize()), point.toString());
            assertTrue(ft.stage().maxEpochs() >= 5 && ft.stage().maxEpochs() <= 50, point.toString());
            assertEquals(7, ft.stage().patience()); // not searched: the model's own value
            finished.add(new TrialSampler.Observation(i, point, 1.0 / (1 + ft.samples())));
        }
    }

    @Test
    void badSearchBlocksAreRefusedNamingTheKey() {
        String m = assertThrows(IllegalArgumentException.class, () -> FineTuneSearch.parse(Map.of("space",
                Map.of("width", Map.of("low", 1, "high", 2))))).getMessage();
        assertTrue(m.contains("'width'") && m.contains("cannot be searched"), m);
        m = assertThrows(IllegalArgumentException.class, () -> FineTuneSearch.parse(Map.of("space",
                Map.of("learning_rate", Map.of("low", 0.0, "high", 1e-4))))).getMessage();
        assertTrue(m.contains("'learning_rate'") && m.contains("0 < low < high"), m);
        m = assertThrows(IllegalArgumentException.class, () -> FineTuneSearch.parse(Map.of("trials", 0, "space",
                Map.of("samples", Map.of("low", 1, "high", 2))))).getMessage();
        assertTrue(m.contains("'trials'"), m);
        m = assertThrows(IllegalArgumentException.class, () -> EmulatorTrainerTest.settings("fine_tune",
                Map.of("search", Map.of("space", Map.of("batch_size", Map.of("choice", List.of(0.5))))))).getMessage();
        assertTrue(m.contains("'batch_size'"), m);
    }

    static FineTuneRecord record(int trial, double pass, double base, String baseSha) {
        double kept = Math.min(pass, base);
        return new FineTuneRecord("s", "m", trial, "tpe", 1, Map.of("samples", trial), Map.of(), baseSha, base, pass, kept, 0.1, null,
                pass < base, 3, 1.0, pass < base ? "tuned" + trial : baseSha);
    }

    @Test
    void theBestTrialIsKeptOnlyIfItBeatsTheOriginal() {
        FineTuneLog better = FineTuneLog.of(List.of(record(0, 0.9, 1.0, "b"), record(1, 0.7, 1.0, "b"), record(2, 1.3, 1.0, "b")));
        assertTrue(better.keepFineTuned());
        assertEquals(1, better.best().trialIndex());
        assertEquals("tuned1", better.chosenSha256());
        FineTuneLog worse = FineTuneLog.of(List.of(record(0, 1.1, 1.0, "b"), record(1, 2.0, 1.0, "b")));
        assertTrue(!worse.keepFineTuned());
        assertEquals("b", worse.chosenSha256());
        assertTrue(worse.markdown().contains("the original network"), worse.markdown());
        String m = assertThrows(IllegalArgumentException.class,
                () -> FineTuneLog.of(List.of(record(0, 0.9, 1.0, "b"), record(1, 0.8, 1.0, "other")))).getMessage();
        assertTrue(m.contains("another bundle"), m);
    }
}
