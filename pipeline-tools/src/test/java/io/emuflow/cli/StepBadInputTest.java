package io.emuflow.cli;

import static io.emuflow.testing.Cli.emuflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emuflow.data.DatasetFile;
import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.data.Splitter;
import io.emuflow.data.Target;
import io.emuflow.testing.Cli.Result;
import io.emuflow.testing.Cli;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to the pipeline steps, in process through {@link EmuflowCommand#execute}: each case must end in one
 * line `<step>: error: <what is wrong>` with a non-zero exit, and write or change nothing.
 */
class StepBadInputTest {
    static final double[] K = {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0};
    static final List<Parameter> PARAMETERS = List.of(new Parameter("A", "", 1, 5), new Parameter("n_s", "", 0.8, 1.2));

    @TempDir
    Path dir;

    private Path study(String name) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                name: %s
                kind: emulator
                samples: 40
                parameters:
                  - {name: A, lower: 1, upper: 5}
                  - {name: n_s, lower: 0.8, upper: 1.2}
                simulator: {name: none}
                target: P
                cleaning: {policy: drop-rows, max_removed_fraction: 0.1}
                split: {train: 0.6, validation: 0.2, test: 0.2, std_floor: 0.001}
                models:
                  - {name: mlp, hidden_layers: [8], activation: relu, learning_rate: 1.0e-2, batch_size: 8, max_epochs: 2, patience: 2}
                """.formatted(name));
        return file;
    }

    /** P(k) = A k^n_s / (1 + k^2) for 40 seeded samples of a study. */
    static SpectrumDataset spectra(String study, int n) {
        SplittableRandom random = new SplittableRandom(5);
        long[] index = new long[n];
        double[][] params = new double[n][];
        double[][] values = new double[n][K.length];
        for (int i = 0; i < n; i++) {
            index[i] = i;
            params[i] = new double[] {1 + 4 * random.nextDouble(), 0.8 + 0.4 * random.nextDouble()};
            for (int j = 0; j < K.length; j++) {
                values[i][j] = params[i][0] * Math.pow(K[j], params[i][1]) / (1 + K[j] * K[j]);
            }
        }
        return new SpectrumDataset(study, "merge", index, PARAMETERS, params, K, "1/Mpc",
                Map.of("P", new Target("P", "Mpc^3", false, values)), Map.of());
    }

    /** Every file under the folder with its bytes: equal snapshots mean nothing was written, changed or deleted. */
    static Map<String, String> snapshot(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted().toList()) {
                files.put(folder.relativize(p).toString(), Files.isDirectory(p) ? "dir" : io.emuflow.provenance.Hashing.sha256(p));
            }
        }
        return files;
    }

    // ---- NaN and Inf ----

    @Test
    void nanAndInfAreCleanedByThePolicyAndRefusedBySplitAndTrain() throws Exception {
        Path study = study("toy");
        SpectrumDataset clean = spectra("toy", 40);
        double[][] values = clean.target("P").values();
        values[3][2] = Double.NaN;
        values[7][5] = Double.POSITIVE_INFINITY;
        Path dirty = dir.resolve("dirty.h5");
        DatasetFile.write(clean, dirty, "test");
        Path out = dir.resolve("out");
        Files.createDirectories(out);

        // the study's policy (drop-rows) removes both samples and says which
        assertEquals(0, emuflow("clean", "--study", study.toString(), "--in", dirty.toString(), "--out", out.resolve("clean.h5").toString(),
                "--report", out.resolve("clean_report.json").toString()).exit());
        JsonNode report = new ObjectMapper().readTree(out.resolve("clean_report.json").toFile());
        assertEquals("[3,7]", report.path("removedSampleIds").toString());
        assertEquals(38, DatasetFile.read(out.resolve("clean.h5")).size());

        Map<String, String> before = snapshot(out);
        Result fail = emuflow("clean", "--study", study.toString(), "--in", dirty.toString(), "--policy", "fail",
                "--out", out.resolve("clean.h5").toString(), "--report", out.resolve("clean_report.json").toString());
        assertEquals(2, fail.exit());
        assertEquals("clean: error: dataset has non-finite values in 2 samples (first id 3) and the cleaning policy is 'fail'", fail.line());
        assertEquals(before, snapshot(out), "a refused clean changed its previous outputs");

        Result split = emuflow("split", "--study", study.toString(), "--in", dirty.toString(), "--seed", "1", "--out-dir", out.toString());
        assertEquals(2, split.exit());
        assertEquals("split: error: dataset has a non-finite value NaN in target P of sample id 3 (k = 0.01): run clean first", split.line());
        assertEquals(before, snapshot(out), "a refused split wrote something");

        // a NaN parameter (the target is finite) would give NaN scalers
        SpectrumDataset nanParam = spectra("toy", 40);
        nanParam.params()[11][1] = Double.NaN;
        Path badParams = dir.resolve("nan_param.h5");
        DatasetFile.write(nanParam, badParams, "test");
        Result splitParams = emuflow("split", "--study", study.toString(), "--in", badParams.toString(), "--seed", "1", "--out-dir", out.toString());
        assertEquals(2, splitParams.exit());
        assertEquals("split: error: dataset has a non-finite value NaN in parameter n_s of sample id 11: run clean first", splitParams.line());
        assertEquals(before, snapshot(out));

        // train refuses a training split with an Inf in its target (split would not write one: made here by hand)
        Splitter.Splits good = Splitter.split(spectra("toy", 40), 0.6, 0.2, 1, 1e-3);
        good.train().target("P").values()[0][0] = Double.POSITIVE_INFINITY;
        Path train = dir.resolve("train_inf.h5");
        Path validation = dir.resolve("validation.h5");
        DatasetFile.write(good.train(), train, "test");
        DatasetFile.write(good.validation(), validation, "test");
        Result trainInf = emuflow("train", "--study", study.toString(), "--train", train.toString(), "--validation", validation.toString(),
                "--model", "mlp", "--seed", "1", "--out", out.resolve("mlp").toString());
        assertEquals(2, trainInf.exit());
        assertEquals("train: error: the training split has a non-finite log10 target in row 0", trainInf.line());
        assertEquals(before, snapshot(out), "a refused train wrote something");
    }

    // ---- wrong shape ----

    @Test
    void aSpectrumArrayOfTheWrongShapeIsRefusedByName() throws Exception {
        Path study = study("toy");
        Path bad = dir.resolve("wrong_shape.h5");
        SpectrumDataset data = spectra("toy", 40);
        // the dataset layout of DatasetFile, with /targets/P one k short of the grid
        try (WritableHdfFile file = HdfFile.write(bad)) {
            file.putAttribute("format", DatasetFile.FORMAT);
            file.putAttribute("study", "toy");
            file.putAttribute("step", "merge");
            file.putAttribute("tool_version", "test");
            file.putAttribute("created_utc", "2026-01-01T00:00:00Z");
            file.putDataset("index", data.index());
            WritableDataset params = file.putDataset("params", data.params());
            params.putAttribute("names", new String[] {"A", "n_s"});
            params.putAttribute("units", new String[] {"", ""});
            params.putAttribute("lower", new double[] {1, 0.8});
            params.putAttribute("upper", new double[] {5, 1.2});
            file.putGroup("grid").putDataset("k", K).putAttribute("units", "1/Mpc");
            double[][] short_ = new double[40][K.length - 1];
            WritableDataset p = file.putGroup("targets").putDataset("P", short_);
            p.putAttribute("units", "Mpc^3");
            p.putAttribute("log10", 0);
            p.putAttribute("grid", "k");
        }
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Map<String, String> before = snapshot(out);
        for (String step : List.of("clean", "split")) {
            List<String> args = new ArrayList<>(List.of(step, "--study", study.toString(), "--in", bad.toString()));
            args.addAll(step.equals("clean") ? List.of("--out", out.resolve("clean.h5").toString(), "--report", out.resolve("r.json").toString())
                    : List.of("--seed", "1", "--out-dir", out.toString()));
            Result r = emuflow(args.toArray(String[]::new));
            assertEquals(2, r.exit());
            assertEquals(step + ": error: " + bad + ": dataset /targets/P has shape [40, 7], expected [40, 8]", r.line());
            assertEquals(before, snapshot(out), step + " wrote something");
        }
        // merge: a chunk on another k grid
        Path a = dir.resolve("chunk_0.h5");
        Path b = dir.resolve("chunk_1.h5");
        SpectrumDataset all = spectra("toy", 40);
        DatasetFile.write(all.selectRows(new int[] {0, 1, 2}), a, "test");
        DatasetFile.write(spectra("toy", 40).selectRows(new int[] {3, 4}).selectColumns(new int[] {0, 1, 2, 3, 4, 5, 6}), b, "test");
        Result merge = emuflow("merge", "--out", out.resolve("dataset.h5").toString(), a.toString(), b.toString());
        assertEquals(2, merge.exit());
        assertEquals("merge: error: chunks have different k grids", merge.line());
        assertEquals(before, snapshot(out));
    }

    // ---- a model bundle from another study ----

    @Test
    void aModelOfAnotherStudyIsRefusedByEvaluateAndPredict() throws Exception {
        Path study = study("toy");
        Splitter.Splits toy = Splitter.split(spectra("toy", 40), 0.6, 0.2, 1, 1e-3);
        DatasetFile.write(toy.train(), dir.resolve("train.h5"), "test");
        DatasetFile.write(toy.validation(), dir.resolve("validation.h5"), "test");
        Path model = dir.resolve("models/mlp");
        assertEquals(0, emuflow("train", "--study", study.toString(), "--train", dir.resolve("train.h5").toString(),
                "--validation", dir.resolve("validation.h5").toString(), "--model", "mlp", "--seed", "1", "--out", model.toString()).exit());

        // the test split of another study (its own name and parameters)
        List<Parameter> otherParameters = List.of(new Parameter("H0", "km/s/Mpc", 60, 80), new Parameter("n_s", "", 0.9, 1.0));
        SpectrumDataset base = spectra("toy", 5);
        SpectrumDataset other = new SpectrumDataset("pk-emulator", "split", base.index(), otherParameters, base.params(), K, "1/Mpc",
                base.targets(), Map.of());
        Path otherTest = dir.resolve("other/test.h5");
        DatasetFile.write(other, otherTest, "test");

        Path out = dir.resolve("evaluation");
        Files.createDirectories(out);
        Map<String, String> before = snapshot(dir.resolve("models"));
        Result evaluate = emuflow("evaluate", "--model", model.toString(), "--data", "test=" + otherTest, "--out-dir", out.resolve("mlp").toString());
        assertEquals(2, evaluate.exit());
        assertEquals("evaluate: error: " + otherTest + " does not match the model (study pk-emulator, parameters [H0, n_s]); "
                + "the model is for study toy", evaluate.line());
        // nothing written: no metrics, plots or sidecar (EvaluateCommand creates the empty output folder before it checks)
        try (Stream<Path> files = Files.walk(out)) {
            assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
        }
        assertEquals(before, snapshot(dir.resolve("models")), "evaluate changed the model bundle");

        // predict: parameters of the other study
        Path csv = dir.resolve("other/params.csv");
        Files.writeString(csv, "id,H0,n_s\n0,67.4,0.965\n");
        Path predicted = dir.resolve("other/predicted.csv");
        Result predict = emuflow("predict", "--model", model.toString(), "--params", csv.toString(), "--out", predicted.toString());
        assertEquals(2, predict.exit());
        assertEquals("predict: error: " + csv + ": unknown column 'H0' (expected [A, n_s], optionally id)", predict.line());
        assertFalse(Files.exists(predicted));
        // and a folder that is not a bundle at all
        Result notABundle = emuflow("predict", "--model", dir.resolve("other").toString(), "--param", "A=2", "--param", "n_s=1");
        assertEquals(2, notABundle.exit());
        assertEquals("predict: error: " + dir.resolve("other") + " is not a model bundle (no emulator.json)", notABundle.line());
    }

    // ---- unphysical parameter ranges ----

    @Test
    void unphysicalParameterRangesAreRefusedBySampleNamingTheParameter() throws Exception {
        record Case(String parameter, String range, String expected) {}
        for (Case c : List.of(
                new Case("omega_b", "{name: omega_b, lower: -0.01, upper: 0.025}",
                        "cosmological parameter omega_b = -0.01 is outside the physical range [0.001, 0.1]"),
                new Case("omega_c", "{name: omega_c, lower: -0.1, upper: 0.14}",
                        "cosmological parameter omega_c = -0.1 is outside the physical range [0.01, 0.5]"),
                new Case("n_s", "{name: n_s, lower: 0.9, upper: 5}",
                        "cosmological parameter n_s = 5.0 is outside the physical range [0.5, 1.5]"),
                new Case("z", "{name: z, lower: -1, upper: 3}", "parameter z has range [-1.0, 3.0]: redshifts must lie in [0, 20.0]"),
                new Case("H0", "{name: H0, lower: 80, upper: 60}", "parameter H0 has range [80.0, 60.0]: lower must be below upper"))) {
            StringBuilder parameters = new StringBuilder();
            for (String p : List.of("{name: H0, lower: 60, upper: 80}", "{name: omega_b, lower: 0.019, upper: 0.025}",
                    "{name: omega_c, lower: 0.10, upper: 0.14}", "{name: ln10As, lower: 2.7, upper: 3.3}",
                    "{name: n_s, lower: 0.9, upper: 1.01}", "{name: z, lower: 0, upper: 3}")) {
                parameters.append("  - ").append(p.startsWith("{name: " + c.parameter() + ",") ? c.range() : p).append('\n');
            }
            Path study = dir.resolve("unphysical-" + c.parameter() + ".yaml");
            Files.writeString(study, """
                    name: pk-bad
                    kind: emulator
                    samples: 10
                    parameters:
                    %ssimulator: {name: halofit, settings: {n_k: 10}}
                    target: P_nl
                    split: {train: 0.8, validation: 0.1, test: 0.1}
                    models:
                      - {name: mlp, hidden_layers: [8], activation: relu, learning_rate: 1.0e-3, batch_size: 8, max_epochs: 2, patience: 2}
                    """.formatted(parameters));
            Path out = dir.resolve("sample-" + c.parameter());
            Files.createDirectories(out);
            Result r = emuflow("sample", "--study", study.toString(), "--seed", "1", "--out", out.resolve("samples.h5").toString(),
                    "--study-out", out.resolve("study.json").toString(), "--count-out", out.resolve("n_samples.txt").toString());
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.line().startsWith("sample: error: "), r.err());
            assertTrue(r.line().contains(c.expected()), "expected '" + c.expected() + "' in: " + r.err());
            assertEquals(Map.of("", "dir"), snapshot(out), "a refused sample wrote something");
        }
    }
}
