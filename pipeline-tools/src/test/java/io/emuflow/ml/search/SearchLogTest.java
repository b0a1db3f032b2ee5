package io.emuflow.ml.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trial records round-trip, and the study's text log has one line per trial in the reference search's layout. */
class SearchLogTest {
    static TrialRecord record(int index, double validationLoss) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("activation", "selu");
        point.put("batch_size", 64);
        point.put("learning_rate", 3.2e-4);
        point.put("optimizer", "radam");
        return new TrialRecord("halomodel-emulator", "searched", index, "tpe", 42, point, Map.of("name", "searched"), 0.0123,
                validationLoss, 0.0456, 77, 12.5, "ab" + index, "2026-12-08T10:15:3" + index + "Z", 0.081, 0.092, 0.103);
    }

    @Test
    void recordsRoundTripWithTheirErrorsAndDate(@TempDir Path dir) {
        TrialRecord r = record(3, 0.02);
        r.write(dir.resolve("t3.trial.json"));
        assertEquals(r, TrialRecord.read(dir.resolve("t3.trial.json")));
    }

    @Test
    void recordsOfEarlierRunsWithoutMaeOrDateStillRead(@TempDir Path dir) throws Exception {
        Path old = dir.resolve("old.trial.json");
        Files.writeString(old, """
                {"format": "emuflow-trial/1", "study": "s", "model": "m", "trial_index": 0, "sampler": "random", "seed": 1,
                 "point": {"layers": 2}, "settings": {}, "train_loss": 0.5, "validation_loss": 0.25, "test_loss": null,
                 "epochs": 3, "seconds": 1.0, "bundle_sha256": "x"}
                """);
        TrialRecord r = TrialRecord.read(old);
        assertNull(r.date());
        assertNull(r.validationMae());
        assertTrue(r.logLine().startsWith("- test_loss=nan, validation loss=0.250000, loss=0.500000, train_mae=nan"), r.logLine());
    }

    @Test
    void oneLinePerTrialWithDateLossesMaesAndParameters() {
        SearchLog log = SearchLog.of(List.of(record(1, 0.03), record(0, 0.02)));
        String[] lines = log.text().split("\n");
        assertEquals(2, lines.length);
        // the reference's layout (NNPowerspectra's parse_training_log reads it with this expression)
        Pattern reference = Pattern.compile("^(\\S+) test_loss=(.*?), validation loss=(.*?), loss=(.*?), train_mae=(.*?), "
                + "val_mae=(.*?), test_mae=(.*?), params=(\\{.*\\})$");
        Matcher m = reference.matcher(lines[0]);
        assertTrue(m.matches(), lines[0]);
        assertEquals("2026-12-08T10:15:30Z", m.group(1)); // trial 0 comes first
        assertEquals(0.0456, Double.parseDouble(m.group(2)), 1e-9);
        assertEquals(0.02, Double.parseDouble(m.group(3)), 1e-9);
        assertEquals(0.0123, Double.parseDouble(m.group(4)), 1e-9);
        assertEquals(0.081, Double.parseDouble(m.group(5)), 1e-9);
        assertEquals(0.092, Double.parseDouble(m.group(6)), 1e-9);
        assertEquals(0.103, Double.parseDouble(m.group(7)), 1e-9);
        assertEquals("{'model': 'searched', 'trial': 0, 'activation': 'selu', 'batch_size': 64, 'learning_rate': 3.2E-4, "
                + "'optimizer': 'radam', 'epochs': 77}", m.group(8));
        assertTrue(reference.matcher(lines[1]).matches() && lines[1].contains("'trial': 1"), lines[1]);
        String md = log.markdown();
        assertTrue(md.contains("| train MAE | validation MAE | test MAE |") && md.contains("0.092"), md);
    }
}
