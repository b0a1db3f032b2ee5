package io.emuflow.cli;

import static io.emuflow.testing.Cli.emuflow;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emuflow.ml.search.FineTuneRecord;
import io.emuflow.provenance.Hashing;
import io.emuflow.testing.Cli.Result;
import io.emuflow.testing.Cli;
import io.emuflow.testing.ToySpectra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `emuflow fine-tune` and `select-fine-tune` on a toy emulator (P = A k^n_s / (1 + k^2)) trained here: trials write a
 * bundle, a record and a sidecar; the same seed gives the same bundle bytes; a trial that cannot improve keeps the
 * original bundle byte for byte and says so; selection keeps a fine-tuned bundle only when it beats the original;
 * bad input ends in one error line.
 */
class FineTuneCliTest {
    @TempDir
    static Path dir;
    static Path study;
    static Path model;
    static final double[] K = ToySpectra.K;

    @BeforeAll
    static void trainToyEmulator() throws Exception {
        // trial 0 (random start-up) searches the rate in a useful range; `harm` can only wreck the network (rate 0.5)
        study = ToySpectra.writeStudy(dir, 300, """
                  - name: mlp
                    hidden_layers: [16, 16]
                    activation: relu
                    learning_rate: 3.0e-3
                    batch_size: 32
                    max_epochs: 10
                    patience: 5
                    fine_tune:
                      samples: 50
                      patience: 5
                      search:
                        trials: 3
                        startup_trials: 2
                        space:
                          samples: {low: 60, high: 180}
                          learning_rate: {low: 1.0e-3, high: 3.0e-3, log: true}
                          batch_size: {choice: [16, 32]}
                          max_epochs: {low: 10, high: 20}
                  - name: harm
                    hidden_layers: [16, 16]
                    activation: relu
                    max_epochs: 10
                    fine_tune:
                      search:
                        trials: 1
                        space:
                          learning_rate: {choice: [0.5]}
                          samples: {choice: [2]}
                          batch_size: {choice: [2]}
                          max_epochs: {choice: [3]}
                  - {name: plain, hidden_layers: [8], activation: relu, max_epochs: 2}
                """);
        ToySpectra.writeSplits(dir, 300);
        model = dir.resolve("mlp");
        assertEquals(0, emuflow(train("mlp", model)).exit());
        assertEquals(0, emuflow(train("harm", dir.resolve("harm"))).exit());
    }

    static String[] train(String name, Path out) {
        return new String[] {"train", "--study", study.toString(), "--train", dir.resolve("train.h5").toString(),
            "--validation", dir.resolve("validation.h5").toString(), "--model", name, "--seed", "1", "--out", out.toString()};
    }

    static String[] fineTune(String name, Path bundle, int trial, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("fine-tune", "--study", study.toString(), "--model-dir", bundle.toString(),
                "--train", dir.resolve("train.h5").toString(), "--validation", dir.resolve("validation.h5").toString(),
                "--test", dir.resolve("test.h5").toString(), "--model", name, "--trial-index", String.valueOf(trial), "--seed", "7",
                "--out", out.toString()));
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }

    @Test
    void trialsWriteBundlesAndRecordsAndTheBestIsKeptOnlyIfBetter() throws Exception {
        Path trials = Files.createDirectories(dir.resolve("trials"));
        assertEquals(0, emuflow(fineTune("mlp", model, 0, trials.resolve("trial_0"))).exit());
        assertEquals(0, emuflow(fineTune("mlp", model, 1, trials.resolve("trial_1"))).exit());
        // the same trial again, elsewhere: the same bytes
        assertEquals(0, emuflow(fineTune("mlp", model, 0, dir.resolve("again/trial_0"))).exit());
        for (String f : List.of("params.bin", "emulator.json", "network.json")) {
            assertArrayEquals(Files.readAllBytes(trials.resolve("trial_0").resolve(f)), Files.readAllBytes(dir.resolve("again/trial_0").resolve(f)), f);
        }
        // the TPE trial learns from the two start-up trials (and records them as inputs)
        assertEquals(0, emuflow(fineTune("mlp", model, 2, dir.resolve("tpe/trial_2"), "--trials-dir", trials.toString())).exit());
        JsonNode sidecar = new ObjectMapper().readTree(dir.resolve("tpe/trial_2.prov.json").toFile());
        assertTrue(sidecar.toString().contains("finished_trial_1"), sidecar.toString());
        Files.move(dir.resolve("tpe/trial_2"), trials.resolve("trial_2"));
        Files.move(dir.resolve("tpe/trial_2.fine_tune.json"), trials.resolve("trial_2.fine_tune.json"));

        String baseSha = Hashing.sha256(model);
        double bestKept = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 3; i++) {
            FineTuneRecord r = FineTuneRecord.read(trials.resolve("trial_" + i + ".fine_tune.json"));
            assertEquals(i, r.trialIndex());
            assertEquals(baseSha, r.baseBundleSha256());
            assertEquals(Hashing.sha256(trials.resolve("trial_" + i)), r.bundleSha256());
            assertTrue(r.settings().get("samples") instanceof Integer s && s >= 60 && s <= 180, r.settings().toString());
            assertTrue(r.validationLoss() <= r.baseValidationLoss());
            assertEquals(r.improved(), !r.bundleSha256().equals(baseSha));
            assertTrue(r.testLoss() != null && r.testLoss() > 0);
            bestKept = Math.min(bestKept, r.validationLoss());
        }
        Path chosen = dir.resolve("chosen");
        List<String> models = List.of(trials.resolve("trial_0").toString(), trials.resolve("trial_1").toString(),
                trials.resolve("trial_2").toString());
        assertEquals(0, emuflow("select-fine-tune", "--base", model.toString(), "--trials-dir", trials.toString(),
                "--models", String.join(",", models), "--log", dir.resolve("fine_tune_log.json").toString(), "--out", chosen.toString()).exit());
        JsonNode log = new ObjectMapper().readTree(dir.resolve("fine_tune_log.json").toFile());
        assertEquals(3, log.get("trials").size());
        boolean kept = log.at("/outcome/kept").asText().equals("fine-tuned");
        // a 10-epoch network fine-tuned at 1e-3..3e-3: the search finds something better, and keeps it
        assertTrue(kept, log.toString());
        assertEquals(bestKept, log.at("/outcome/validation_loss").asDouble(), 0.0);
        assertTrue(bestKept < log.get("base_validation_loss").asDouble());
        assertEquals(log.at("/outcome/bundle_sha256").asText(), Hashing.sha256(chosen));
        assertTrue(Files.readString(dir.resolve("fine_tune_log.md")).contains("| trial |"));
        assertTrue(Files.exists(dir.resolve("fine_tune_log.json.prov.json")));
    }

    @Test
    void aTrialThatMakesValidationWorseKeepsTheOriginalBundle() throws Exception {
        Path out = dir.resolve("harm-trials/trial_0");
        assertEquals(0, emuflow(fineTune("harm", dir.resolve("harm"), 0, out)).exit());
        FineTuneRecord r = FineTuneRecord.read(dir.resolve("harm-trials/trial_0.fine_tune.json"));
        assertFalse(r.improved());
        assertEquals("original", r.kept());
        assertTrue(r.passValidationLoss() > r.baseValidationLoss());
        assertEquals(Hashing.sha256(dir.resolve("harm")), Hashing.sha256(out));
        for (String f : List.of("params.bin", "emulator.json")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("harm").resolve(f)), Files.readAllBytes(out.resolve(f)), f);
        }
        Path chosen = dir.resolve("harm-chosen");
        assertEquals(0, emuflow("select-fine-tune", "--base", dir.resolve("harm").toString(), "--trials-dir", dir.resolve("harm-trials").toString(),
                "--models", out.toString(), "--log", dir.resolve("harm_log.json").toString(), "--out", chosen.toString()).exit());
        assertEquals("original", new ObjectMapper().readTree(dir.resolve("harm_log.json").toFile()).at("/outcome/kept").asText());
        assertEquals(Hashing.sha256(dir.resolve("harm")), Hashing.sha256(chosen));
    }

    @Test
    void badInputEndsInOneErrorLine() {
        Result r = emuflow(fineTune("mlp", dir.resolve("missing"), 0, dir.resolve("x1")));
        assertEquals(2, r.exit());
        assertTrue(r.line().contains("missing") && r.line().contains("does not exist"), r.line());
        r = emuflow(fineTune("plain", model, 0, dir.resolve("x2")));
        assertTrue(r.exit() != 0 && r.line().contains("'plain'") && r.line().contains("fine_tune"), r.line());
        r = emuflow(fineTune("mlp", model, 3, dir.resolve("x3")));
        assertTrue(r.exit() != 0 && r.line().contains("trial index 3"), r.line());
        r = emuflow(fineTune("harm", model, 0, dir.resolve("x4")));
        assertTrue(r.exit() != 0 && r.line().contains("is model 'mlp'"), r.line());
        r = emuflow(fineTune("mlp", model, 0, dir.resolve("x5"), "--trials-dir", dir.resolve("nowhere").toString()));
        assertTrue(r.exit() != 0 && r.line().contains("nowhere"), r.line());
        r = emuflow("select-fine-tune", "--base", model.toString(), "--trials-dir", dir.resolve("harm-trials-none").toString(),
                "--log", dir.resolve("l.json").toString(), "--out", dir.resolve("x6").toString());
        assertTrue(r.exit() != 0 && r.line().contains("does not exist"), r.line());
        for (String x : List.of("x1", "x2", "x3", "x4", "x5", "x6")) {
            assertFalse(Files.exists(dir.resolve(x)), x + " was written despite the error");
        }
    }
}
