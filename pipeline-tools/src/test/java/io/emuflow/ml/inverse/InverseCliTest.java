package io.emuflow.ml.inverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** `train-inverse` and `evaluate-inverse` end to end on toy spectra written in the dataset layout. */
class InverseCliTest {
    @TempDir
    static Path dir;
    static Path study;
    static final SpectrumDataset TEST = SyntheticInverseData.draw(120, 3, 0.1);

    @BeforeAll
    static void writeStudyAndSplits() throws Exception {
        study = dir.resolve("study.yaml");
        Files.writeString(study, """
                name: toy-inverse
                kind: inverse
                samples: 1000
                parameters:
                  - {name: HII_EFF_FACTOR, lower: 5, upper: 200}
                  - {name: ION_Tvir_MIN, units: log10 K, lower: 4, upper: 6}
                  - {name: R_BUBBLE_MAX, units: Mpc, lower: 5, upper: 20}
                simulator: {name: none}
                target: delta2_z8
                split: {train: 0.8, validation: 0.1, test: 0.1}
                models:
                  - {name: dense, network: dense, hidden_layers: [64, 64], learning_rate: 3.0e-3, batch_size: 64, max_epochs: 200, patience: 10}
                  - {name: cnn-classes, network: cnn, task: classification, inputs: [delta2_z9], conv_filters: [8], hidden_layers: [16], max_epochs: 200}
                  - {name: gauss-sigma, network: dense, head: gaussian, calibration: sigma, hidden_layers: [16], max_epochs: 200}
                """);
        DatasetFile.write(SyntheticInverseData.draw(600, 1, 0.1), dir.resolve("train.h5"), "test");
        DatasetFile.write(SyntheticInverseData.draw(120, 2, 0.1), dir.resolve("validation.h5"), "test");
        DatasetFile.write(TEST, dir.resolve("test.h5"), "test");
    }

    static String[] data() {
        return new String[] {"--data", "train=" + dir.resolve("train.h5") + ",validation=" + dir.resolve("validation.h5") + ",test=" + dir.resolve("test.h5")};
    }

    static int run(String... args) {
        return EmuflowCommand.execute(args);
    }

    @Test
    void trainAndEvaluateARegressor() throws Exception {
        Path model = dir.resolve("dense");
        assertEquals(0, run("train-inverse", "--study", study.toString(), "--train", dir.resolve("train.h5").toString(),
                "--validation", dir.resolve("validation.h5").toString(), "--model", "dense", "--seed", "1", "--max-epochs", "40",
                "--out", model.toString()));
        assertTrue(Files.isRegularFile(model.resolve("inverse.json")));
        JsonNode trainProv = new ObjectMapper().readTree(dir.resolve("dense.prov.json").toFile());
        assertEquals("train-inverse", trainProv.path("step").asText());

        Path out = dir.resolve("eval-dense");
        List<String> args = new java.util.ArrayList<>(List.of("evaluate-inverse", "--model", model.toString(), "--out-dir", out.toString()));
        args.addAll(List.of(data()));
        assertEquals(0, run(args.toArray(new String[0])));
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(List.of("train", "validation", "test"), iterate(metrics.get("splits").fieldNames()));
        InverseModel loaded = InverseModel.load(model);
        double[][] predicted = loaded.predict(TEST);
        for (int p = 0; p < 3; p++) {
            String name = SyntheticInverseData.PARAMETERS.get(p).name();
            JsonNode m = metrics.at("/splits/test/parameters/" + name);
            double r2 = InverseMetrics.regression(SyntheticInverseData.column(TEST.params(), p), SyntheticInverseData.column(predicted, p)).get("r2");
            assertEquals(r2, m.get("r2").asDouble(), 1e-12, "metrics.json agrees with the model's own predictions");
            assertTrue(r2 > 0.9, name + " R^2 " + r2);
            assertEquals(m.get("mse").asDouble(), Math.pow(m.get("rmse").asDouble(), 2), 1e-12);
            assertTrue(m.at("/classification/within_one_class").asDouble() >= m.at("/classification/accuracy").asDouble());
            assertTrue(Files.size(out.resolve("scatter_" + name + ".png")) > 1000);
            assertTrue(Files.size(out.resolve("confusion_" + name + ".png")) > 1000);
        }
        assertTrue(Files.size(out.resolve("history.png")) > 1000);
        JsonNode prov = new ObjectMapper().readTree(out.resolve("metrics.json.prov.json").toFile());
        assertEquals("evaluate-inverse", prov.path("step").asText());
        assertTrue(prov.toString().contains("confusion_R_BUBBLE_MAX.png"));
    }

    @Test
    void aStudysCalibrationSettingReachesTheBundleAndMetrics() throws Exception {
        Path model = dir.resolve("gauss-sigma");
        assertEquals(0, run("train-inverse", "--study", study.toString(), "--train", dir.resolve("train.h5").toString(),
                "--validation", dir.resolve("validation.h5").toString(), "--model", "gauss-sigma", "--seed", "1", "--max-epochs", "3",
                "--out", model.toString()));
        JsonNode stored = new ObjectMapper().readTree(model.resolve("recalibration.json").toFile());
        assertEquals("sigma", stored.path("method").asText());
        assertEquals(120, stored.path("samples").asInt(), "fitted on the 120 validation samples");
        assertEquals("sigma", new ObjectMapper().readTree(dir.resolve("gauss-sigma.prov.json").toFile()).at("/model/calibration").asText(),
                "the sidecar names it");
        Path out = dir.resolve("eval-gauss");
        List<String> args = new java.util.ArrayList<>(List.of("evaluate-inverse", "--model", model.toString(), "--out-dir", out.toString()));
        args.addAll(List.of(data()));
        assertEquals(0, run(args.toArray(new String[0])));
        JsonNode calibration = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).at("/splits/test/calibration");
        assertEquals("sigma", calibration.at("/recalibration/method").asText());
        double factor = stored.at("/parameters/0/factor").asDouble();
        assertEquals(factor, calibration.at("/recalibration/parameters/HII_EFF_FACTOR/factor").asDouble(), 0.0);
        JsonNode zeta = calibration.at("/parameters/HII_EFF_FACTOR");
        // sigma scaling multiplies every width by the stored factor
        assertEquals(factor * zeta.at("/uncalibrated/mean_width_95").asDouble(), zeta.get("mean_width_95").asDouble(), 1e-9 * factor);
    }

    @Test
    void trainAndEvaluateACnnClassifierOnOneRedshift() throws Exception {
        Path model = dir.resolve("cnn");
        assertEquals(0, run("train-inverse", "--study", study.toString(), "--train", dir.resolve("train.h5").toString(),
                "--validation", dir.resolve("validation.h5").toString(), "--model", "cnn-classes", "--seed", "1", "--max-epochs", "3",
                "--out", model.toString()));
        Path out = dir.resolve("eval-cnn");
        List<String> args = new java.util.ArrayList<>(List.of("evaluate-inverse", "--model", model.toString(), "--out-dir", out.toString()));
        args.addAll(List.of(data()));
        assertEquals(0, run(args.toArray(new String[0])));
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals("classification", metrics.get("task").asText());
        assertEquals(List.of("delta2_z9"), iterate(metrics.get("inputs").elements()).stream().map(JsonNode::asText).toList());
        assertEquals(3, metrics.at("/training/epochs").asInt());
        // the confusion matrix of the test split counts every test sample once: accuracy is a multiple of 1/120
        double accuracy = metrics.at("/splits/test/parameters/ION_Tvir_MIN/classification/accuracy").asDouble();
        assertEquals(0, Math.abs(accuracy * 120 - Math.rint(accuracy * 120)), 1e-9);
    }

    @Test
    void badInputGivesOneLineErrors() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        try {
            assertNotEquals(0, run("train-inverse", "--study", study.toString(), "--train", dir.resolve("train.h5").toString(),
                    "--validation", dir.resolve("validation.h5").toString(), "--model", "nope", "--seed", "1", "--out", dir.resolve("x").toString()));
            assertNotEquals(0, run("evaluate-inverse", "--model", dir.resolve("missing").toString(), "--data", "test=" + dir.resolve("test.h5"),
                    "--out-dir", dir.resolve("y").toString()));
        } finally {
            System.setErr(err);
        }
        String text = captured.toString();
        assertTrue(text.contains("has no model 'nope'"), text);
        assertTrue(text.contains("is not an inverse model bundle"), text);
        assertTrue(Files.notExists(dir.resolve("x")));
    }

    private static <T> List<T> iterate(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
