package io.emuflow.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emuflow.cli.EmuflowCommand;
import io.emuflow.data.Parameter;
import io.emuflow.testing.ToySpectra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The `train`, `evaluate` and `predict` steps end to end on a toy power-law study written in the dataset
 * layout: the trained model must beat the trivial mean predictor and `predict` must agree with `evaluate`.
 */
class TrainEvaluatePredictCliTest {
    @TempDir
    static Path dir;
    static Path study;

    static final double[] K = ToySpectra.K;

    @BeforeAll
    static void writeStudyAndSplits() throws Exception {
        study = ToySpectra.writeStudy(dir, 300, """
                  - {name: mlp, hidden_layers: [32, 32], activation: cosmopower, learning_rate: 3.0e-3, batch_size: 32, max_epochs: 1000, patience: 10}
                  - name: searched
                    activation: relu
                    batch_size: 32
                    max_epochs: 6
                    search:
                      sampler: tpe
                      trials: 3
                      startup_trials: 2
                      space:
                        layers: {low: 1, high: 2}
                        width: {choice: [8, 16]}
                        learning_rate: {low: 1.0e-3, high: 1.0e-2, log: true}
                """);
        ToySpectra.writeSplits(dir, 300);
    }

    @Test
    void trainEvaluatePredict() throws Exception {
        Path model = dir.resolve("model");
        assertEquals(0, EmuflowCommand.execute("train", "--study", study.toString(), "--train", dir.resolve("train.h5").toString(),
                "--validation", dir.resolve("validation.h5").toString(), "--model", "mlp", "--seed", "1", "--max-epochs", "60",
                "--out", model.toString()));
        assertTrue(Files.isRegularFile(model.resolve("emulator.json")));
        assertTrue(Files.isRegularFile(dir.resolve("model.prov.json")));

        Path out = dir.resolve("eval");
        assertEquals(0, EmuflowCommand.execute("evaluate", "--model", model.toString(), "--data",
                "train=" + dir.resolve("train.h5") + ",test=" + dir.resolve("test.h5"), "--out-dir", out.toString()));
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        double p50 = metrics.at("/splits/test/max_rel_error_percentiles/p50").asDouble();
        // the mean spectrum is off by tens of percent over this box; a trained emulator by a few percent at most
        assertTrue(p50 > 0 && p50 < 0.05, "median max relative error " + p50);
        assertEquals(K.length, metrics.at("/rel_error_bands/p99").size());
        assertEquals("test", metrics.at("/rel_error_bands/split").asText());
        JsonNode card = new ObjectMapper().readTree(out.resolve("model_card.json").toFile());
        assertEquals("mlp", card.get("model").asText());
        assertEquals(List.of(32, 32), List.of(card.at("/architecture/hidden_layers/0").asInt(), card.at("/architecture/hidden_layers/1").asInt()));
        assertEquals(io.emuflow.provenance.Hashing.sha256(dir.resolve("train.h5")), card.at("/training/data/train_sha256").asText());
        assertEquals(io.emuflow.provenance.Hashing.sha256(dir.resolve("test.h5")), card.at("/evaluation_data/test").asText());
        assertEquals(p50, card.at("/targets/test_p50").asDouble());
        assertTrue(Files.readString(out.resolve("model_card.md")).contains("| test | 60 |"));
        for (String png : List.of("history.png", "examples.png", "error_bands.png")) {
            assertTrue(Files.size(out.resolve(png)) > 1000, png);
        }

        Path csv = dir.resolve("pred.csv");
        assertEquals(0, EmuflowCommand.execute("predict", "--model", model.toString(), "--param", "A=2", "--param", "n_s=1",
                "--out", csv.toString()));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("id,k,P", lines.get(0));
        assertEquals(1 + K.length, lines.size());
        for (int j = 0; j < K.length; j++) {
            double predicted = Double.parseDouble(lines.get(1 + j).split(",")[2]);
            double truth = 2 * Math.pow(K[j], 1.0) / (1 + K[j] * K[j]);
            assertEquals(truth, predicted, 0.1 * truth, "k=" + K[j]);
        }

        // train records its box (the study's ranges) in the bundle; predict refuses to leave it unless told to
        assertEquals(List.of(new Parameter("A", "", 1, 5), new Parameter("n_s", "", 0.8, 1.2)),
                io.emuflow.ml.emulator.Emulator.load(model).metadata().box());
        Path outside = dir.resolve("outside.csv");
        assertEquals(2, EmuflowCommand.execute("predict", "--model", model.toString(), "--param", "A=6", "--param", "n_s=1",
                "--out", outside.toString()));
        assertFalse(Files.exists(outside));
        assertEquals(0, EmuflowCommand.execute("predict", "--model", model.toString(), "--param", "A=6", "--param", "n_s=1",
                "--extrapolate", "--out", outside.toString()));
        List<String> flagged = Files.readAllLines(outside);
        assertEquals("id,k,P,extrapolated", flagged.get(0));
        assertTrue(flagged.subList(1, flagged.size()).stream().allMatch(l -> l.endsWith(",1")), flagged.toString());
    }

    @Test
    void searchTrialsThenSelectBestOnValidationLoss() throws Exception {
        Path trials = Files.createDirectories(dir.resolve("trials"));
        List<String> models = new java.util.ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Path model = dir.resolve("trial" + t);
            models.add(model.toString());
            assertEquals(0, EmuflowCommand.execute("train", "--study", study.toString(), "--train", dir.resolve("train.h5").toString(),
                    "--validation", dir.resolve("validation.h5").toString(), "--test", dir.resolve("test.h5").toString(),
                    "--model", "searched", "--seed", "1", "--trial-index", Integer.toString(t), "--trials-dir", trials.toString(),
                    "--out", model.toString(), "--trial-out", trials.resolve("t" + t + ".trial.json").toString()));
        }
        ObjectMapper json = new ObjectMapper();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestIndex = -1;
        for (int t = 0; t < 3; t++) {
            JsonNode record = json.readTree(trials.resolve("t" + t + ".trial.json").toFile());
            assertEquals(t, record.get("trial_index").asInt());
            int layers = record.at("/point/layers").asInt();
            int width = record.at("/point/width").asInt();
            assertEquals(layers, record.at("/settings/hidden_layers").size());
            assertEquals(width, record.at("/settings/hidden_layers/0").asInt());
            assertTrue(record.get("test_loss").asDouble() > 0);
            if (record.get("validation_loss").asDouble() < bestLoss) {
                bestLoss = record.get("validation_loss").asDouble();
                bestIndex = t;
            }
        }
        Path log = dir.resolve("search.json");
        Path best = dir.resolve("best");
        assertEquals(0, EmuflowCommand.execute("select-best", "--trials-dir", trials.toString(), "--models", String.join(",", models),
                "--log", log.toString(), "--best-out", best.toString()));
        JsonNode searchLog = json.readTree(log.toFile());
        assertEquals(3, searchLog.get("trials").size());
        assertEquals("validation_loss", searchLog.get("selected_on").asText());
        assertEquals(bestIndex, searchLog.at("/best/trial_index").asInt());
        assertEquals(io.emuflow.provenance.Hashing.sha256(dir.resolve("trial" + bestIndex)), io.emuflow.provenance.Hashing.sha256(best));
        assertTrue(Files.readString(dir.resolve("search.md")).contains("(best)"));

        Path export = dir.resolve("best.h5");
        assertEquals(0, EmuflowCommand.execute("export-model", "--model", best.toString(), "--out", export.toString(),
                "--python", dir.resolve("emulator_numpy.py").toString()));
        assertTrue(Files.size(export) > 1000 && Files.size(dir.resolve("emulator_numpy.py")) > 1000);
    }

    @Test
    void unknownModelAndMissingParameterAreOneLineErrors() {
        assertNotEquals(0, EmuflowCommand.execute("train", "--study", study.toString(), "--train", dir.resolve("train.h5").toString(),
                "--validation", dir.resolve("validation.h5").toString(), "--model", "nope", "--seed", "1",
                "--out", dir.resolve("nope").toString()));
        assertTrue(Files.notExists(dir.resolve("nope")));
    }
}
