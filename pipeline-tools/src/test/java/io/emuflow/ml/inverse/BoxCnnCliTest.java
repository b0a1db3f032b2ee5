package io.emuflow.ml.inverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emuflow.cli.EmuflowCommand;
import io.emuflow.data.DatasetFile;
import io.emuflow.data.SpectrumDataset;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train-inverse, evaluate-inverse and summarize-inverse on toy halo boxes written as HDF5 datasets (boxes read
 * from the files a minibatch at a time), and the one-line errors of bad box datasets.
 */
class BoxCnnCliTest {
    @TempDir
    static Path dir;
    static Path study;

    @BeforeAll
    static void writeStudyAndSplits() throws Exception {
        study = dir.resolve("study.yaml");
        Files.writeString(study, """
                name: toy-boxes
                kind: inverse
                samples: 1000
                parameters:
                  - {name: Omega_m, lower: 0.1, upper: 0.5}
                  - {name: sigma_8, lower: 0.6, upper: 1.0}
                simulator: {name: none}
                target: P_hh
                split: {train: 0.8, validation: 0.1, test: 0.1}
                models:
                  - {name: cnn3d-nhalo-mass, network: cnn3d, boxes: [nhalo, mass], conv_filters: [4, 8], hidden_layers: [32], batch_size: 16, max_epochs: 2}
                  - {name: cnn3d-speed, network: cnn3d, boxes: [speed], conv_filters: [4, 8], hidden_layers: [32], batch_size: 16, max_epochs: 1}
                  - {name: dense-phh, network: dense, inputs: [P_hh], hidden_layers: [16], max_epochs: 5}
                """);
        DatasetFile.write(SyntheticBoxData.draw(64, 16, 1), dir.resolve("train.h5"), "test");
        DatasetFile.write(SyntheticBoxData.draw(16, 16, 2), dir.resolve("validation.h5"), "test");
        DatasetFile.write(SyntheticBoxData.draw(16, 16, 3), dir.resolve("test.h5"), "test");
        DatasetFile.write(SyntheticBoxData.draw(16, 16, 4, List.of("nhalo", "speed")), dir.resolve("no-mass.h5"), "test");
        DatasetFile.write(SyntheticBoxData.draw(16, 12, 5), dir.resolve("small.h5"), "test");
    }

    static int run(String... args) {
        return EmuflowCommand.execute(args);
    }

    static int train(String model, String trainFile) {
        return run("train-inverse", "--study", study.toString(), "--train", dir.resolve(trainFile).toString(), "--validation",
                dir.resolve("validation.h5").toString(), "--model", model, "--seed", "1", "--out", dir.resolve(model).toString());
    }

    static int evaluate(String model, String data) {
        return run("evaluate-inverse", "--model", dir.resolve(model).toString(), "--data", data, "--out-dir", dir.resolve("eval-" + model).toString());
    }

    @Test
    void trainEvaluateAndTabulateBoxModelsAndTheBaseline() throws Exception {
        String splits = "train=" + dir.resolve("train.h5") + ",validation=" + dir.resolve("validation.h5") + ",test=" + dir.resolve("test.h5");
        for (String model : List.of("cnn3d-nhalo-mass", "cnn3d-speed", "dense-phh")) {
            assertEquals(0, train(model, "train.h5"), model);
            assertEquals(0, evaluate(model, splits), model);
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode bundle = json.readTree(dir.resolve("cnn3d-nhalo-mass/inverse.json").toFile());
        assertEquals(List.of("max", "log10"), List.of(bundle.at("/input/transforms/0").asText(), bundle.at("/input/transforms/1").asText()));
        assertTrue(bundle.at("/input/scales/0").asDouble() >= 1, "nhalo scale is the training split's largest count");
        JsonNode metrics = json.readTree(dir.resolve("eval-cnn3d-nhalo-mass/metrics.json").toFile());
        assertEquals("cnn3d", metrics.get("network").asText());
        assertEquals("nhalo", metrics.at("/inputs/0").asText());
        for (String p : List.of("Omega_m", "sigma_8")) {
            JsonNode m = metrics.at("/splits/test/parameters/" + p);
            assertEquals(m.get("mse").asDouble(), Math.pow(m.get("mean_error").asDouble(), 2) + Math.pow(m.get("std_error").asDouble(), 2), 1e-9);
            assertTrue(Files.size(dir.resolve("eval-cnn3d-nhalo-mass/scatter_" + p + ".png")) > 1000);
        }
        assertEquals(0, run("summarize-inverse", "--metrics", dir.resolve("eval-dense-phh/metrics.json") + "," + dir.resolve("eval-cnn3d-speed/metrics.json")
                + "," + dir.resolve("eval-cnn3d-nhalo-mass/metrics.json"), "--out-dir", dir.resolve("summary").toString()));
        String table = Files.readString(dir.resolve("summary/summary.md"));
        List<String> lines = table.lines().filter(l -> l.startsWith("| ")).toList();
        assertEquals(4, lines.size(), table); // header and one row per model, sorted by name
        assertTrue(lines.get(1).startsWith("| cnn3d-nhalo-mass | cnn3d | nhalo + mass | 16 |"), table);
        assertTrue(lines.get(3).startsWith("| dense-phh | dense | P_hh |"), table);
        String std = String.format(java.util.Locale.ROOT, "%.4f", metrics.at("/splits/test/parameters/sigma_8/std_error").asDouble());
        assertTrue(lines.get(1).contains(std), table);
        assertTrue(Files.isRegularFile(dir.resolve("summary/summary.json.prov.json")));
    }

    @Test
    void missingChannelAndWrongBoxSizeGiveOneLineErrors() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        int missing;
        int shape;
        try {
            missing = train("cnn3d-nhalo-mass", "no-mass.h5");
            assertEquals(0, train("cnn3d-speed", "train.h5"));
            shape = evaluate("cnn3d-speed", "test=" + dir.resolve("small.h5"));
        } finally {
            System.setErr(err);
        }
        String text = captured.toString();
        assertNotEquals(0, missing);
        assertNotEquals(0, shape);
        assertTrue(text.contains("box channel 'mass' is missing from the training split (it has /boxes/[nhalo, speed])"), text);
        assertTrue(text.contains("box channel 'speed' of the dataset of study toy-boxes is 12^3 cells, the model reads 16^3"), text);
        for (String line : text.lines().filter(l -> l.contains("box channel")).toList()) {
            assertFalse(line.contains("Exception"), "no stack trace: " + line);
        }
    }
}
