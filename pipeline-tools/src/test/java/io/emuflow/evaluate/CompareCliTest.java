package io.emuflow.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emuflow.cli.EmuflowCommand;
import io.emuflow.data.DatasetFile;
import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.data.Splitter;
import io.emuflow.data.Target;
import io.emuflow.provenance.StepProvenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `emuflow compare` on two models of a toy two-target study: its accuracy figures are those of `evaluate`. */
class CompareCliTest {
    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    private static final double[] K = {0.001, 0.01, 0.1, 1.0, 10.0};

    @TempDir
    Path dir;

    @Test
    void comparesTwoModelsAsEvaluateDoesAndTimesThem() throws Exception {
        Path study = dir.resolve("study.yaml");
        Files.writeString(study, """
                name: toy2
                kind: emulator
                samples: 200
                parameters:
                  - {name: A, lower: 1, upper: 5}
                  - {name: n_s, lower: 0.8, upper: 1.2}
                simulator: {name: none}
                target: [P1, P2]
                split: {train: 0.6, validation: 0.2, test: 0.2, std_floor: 0.001}
                models:
                  - {name: small, hidden_layers: [8], activation: relu, learning_rate: 3.0e-3, batch_size: 32, max_epochs: 20, patience: 5}
                  - {name: big, hidden_layers: [32, 32], activation: cosmopower, learning_rate: 3.0e-3, batch_size: 32, max_epochs: 40, patience: 10}
                  - {name: p2only, target: [P2], hidden_layers: [16], activation: relu, learning_rate: 3.0e-3, batch_size: 32, max_epochs: 20, patience: 5}
                  - {name: wrong, target: [P3], hidden_layers: [8], max_epochs: 2}
                """);
        SplittableRandom random = new SplittableRandom(5);
        int n = 200;
        long[] index = new long[n];
        double[][] params = new double[n][];
        double[][] p1 = new double[n][K.length];
        double[][] p2 = new double[n][K.length];
        for (int i = 0; i < n; i++) {
            index[i] = i;
            params[i] = new double[] {1 + 4 * random.nextDouble(), 0.8 + 0.4 * random.nextDouble()};
            for (int j = 0; j < K.length; j++) {
                p1[i][j] = params[i][0] * Math.pow(K[j], params[i][1]);
                p2[i][j] = p1[i][j] / (1 + K[j] * K[j]);
            }
        }
        List<Parameter> parameters = List.of(new Parameter("A", "", 1, 5), new Parameter("n_s", "", 0.8, 1.2));
        SpectrumDataset all = new SpectrumDataset("toy2", "clean", index, parameters, params, K, "1/Mpc",
                Map.of("P1", new Target("P1", "Mpc^3", false, p1), "P2", new Target("P2", "Mpc^3", false, p2)), Map.of());
        Splitter.Splits splits = Splitter.split(all, 0.6, 0.2, 9, 1e-3);
        DatasetFile.write(splits.train(), dir.resolve("train.h5"), "test");
        DatasetFile.write(splits.validation(), dir.resolve("validation.h5"), "test");
        Path test = dir.resolve("test.h5");
        DatasetFile.write(splits.test(), test, "test");
        for (String model : List.of("small", "big")) {
            assertEquals(0, EmuflowCommand.execute("train", "--study", study.toString(), "--train", dir.resolve("train.h5").toString(),
                    "--validation", dir.resolve("validation.h5").toString(), "--model", model, "--seed", "1", "--out", dir.resolve(model).toString()));
            assertEquals(0, EmuflowCommand.execute("evaluate", "--model", dir.resolve(model).toString(), "--data", "test=" + test,
                    "--out-dir", dir.resolve("eval-" + model).toString()));
        }
        // a model's own target: list picks a subset of the study's targets; a name the study lacks is refused
        assertEquals(0, EmuflowCommand.execute("train", "--study", study.toString(), "--train", dir.resolve("train.h5").toString(),
                "--validation", dir.resolve("validation.h5").toString(), "--model", "p2only", "--seed", "1", "--out", dir.resolve("p2only").toString()));
        assertEquals(2, EmuflowCommand.execute("train", "--study", study.toString(), "--train", dir.resolve("train.h5").toString(),
                "--validation", dir.resolve("validation.h5").toString(), "--model", "wrong", "--seed", "1", "--out", dir.resolve("wrong").toString()));
        Path out = dir.resolve("compare");
        assertEquals(0, EmuflowCommand.execute("compare", "--models", dir.resolve("small") + "," + dir.resolve("big") + "," + dir.resolve("p2only"),
                "--data", test.toString(),
                "--single-calls", "30", "--out-dir", out.toString()));
        ObjectMapper json = new ObjectMapper();
        JsonNode compare = json.readTree(out.resolve("compare.json").toFile());
        assertEquals(3, compare.get("models").size());
        JsonNode p2only = compare.get("models").get(2).get("max_rel_error_percentiles");
        assertEquals(List.of("P2"), iterable(p2only.fieldNames()));
        for (int m = 0; m < 2; m++) {
            JsonNode row = compare.get("models").get(m);
            String name = row.get("model").asText();
            JsonNode metrics = json.readTree(dir.resolve("eval-" + name).resolve("metrics.json").toFile());
            for (String target : List.of("P1", "P2")) {
                for (String p : List.of("p50", "p99")) {
                    assertEquals(metrics.at("/splits/test/targets/" + target + "/max_rel_error_percentiles/" + p).asDouble(),
                            row.at("/max_rel_error_percentiles/" + target + "/" + p).asDouble(), 1e-12, name + " " + target + " " + p);
                }
            }
            assertTrue(row.get("single_call_us").asDouble() > 0 && row.get("batch_ms").asDouble() > 0);
        }
        String md = Files.readString(out.resolve("compare.md"));
        assertTrue(md.contains("| small | P1 |") && md.contains("| big | P2 |"), md);
        assertTrue(Files.size(out.resolve("compare_error.png")) > 1000);
        assertTrue(Files.exists(StepProvenance.sidecarOf(out.resolve("compare.json"))));
        // a missing dataset is refused with exit code 2
        assertEquals(2, EmuflowCommand.execute("compare", "--models", dir.resolve("small").toString(), "--data", dir.resolve("nope.h5").toString(),
                "--out-dir", out.toString()));
    }
}
