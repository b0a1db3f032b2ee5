package io.emuflow.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emuflow.cli.EmuflowCommand;
import io.emuflow.data.DatasetFile;
import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.data.Splitter;
import io.emuflow.data.Target;
import io.emuflow.ml.emulator.Emulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study whose target is a list ([P, Q] on one grid): one network learns both (the halo-model study's several
 * spectra need this). Train, evaluate, predict and the numpy export must all keep the two targets apart.
 */
class MultiOutputEmulatorTest {
    static final double[] K = {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0};

    /** Two different toy spectra of (A, n): a power law with a turnover, and a steeper one with another amplitude. */
    static double p(double a, double n, double k) {
        return a * Math.pow(k, n) / (1 + k * k);
    }

    static double q(double a, double n, double k) {
        return 50 / a * Math.pow(k, 2 * n - 1) / (1 + 0.3 * k);
    }

    @Test
    void oneNetworkLearnsTwoTargets(@TempDir Path dir) throws Exception {
        Path study = dir.resolve("study.yaml");
        Files.writeString(study, """
                name: toy2
                kind: emulator
                samples: 300
                parameters:
                  - {name: A, lower: 1, upper: 5}
                  - {name: n_s, lower: 0.8, upper: 1.2}
                simulator: {name: none}
                target: [P, Q]
                split: {train: 0.6, validation: 0.2, test: 0.2, std_floor: 0.001}
                models:
                  - {name: mlp, hidden_layers: [32, 32], activation: cosmopower, learning_rate: 3.0e-3, batch_size: 32, max_epochs: 80, patience: 10}
                """);
        SplittableRandom random = new SplittableRandom(5);
        int n = 300;
        long[] index = new long[n];
        double[][] params = new double[n][];
        double[][] ps = new double[n][K.length];
        double[][] qs = new double[n][K.length];
        for (int i = 0; i < n; i++) {
            index[i] = i;
            params[i] = new double[] {1 + 4 * random.nextDouble(), 0.8 + 0.4 * random.nextDouble()};
            for (int j = 0; j < K.length; j++) {
                ps[i][j] = p(params[i][0], params[i][1], K[j]);
                qs[i][j] = q(params[i][0], params[i][1], K[j]);
            }
        }
        List<Parameter> parameters = List.of(new Parameter("A", "", 1, 5), new Parameter("n_s", "", 0.8, 1.2));
        SpectrumDataset all = new SpectrumDataset("toy2", "clean", index, parameters, params, K, "1/Mpc",
                Map.of("P", new Target("P", "Mpc^3", false, ps), "Q", new Target("Q", "Mpc^3", false, qs)), Map.of());
        Splitter.Splits splits = Splitter.split(all, 0.6, 0.2, 9, 1e-3);
        DatasetFile.write(splits.train(), dir.resolve("train.h5"), "test");
        DatasetFile.write(splits.validation(), dir.resolve("validation.h5"), "test");
        DatasetFile.write(splits.test(), dir.resolve("test.h5"), "test");

        Path model = dir.resolve("model");
        assertEquals(0, EmuflowCommand.execute("train", "--study", study.toString(), "--train", dir.resolve("train.h5").toString(),
                "--validation", dir.resolve("validation.h5").toString(), "--model", "mlp", "--seed", "1", "--out", model.toString()));
        Emulator emulator = Emulator.load(model);
        assertEquals(List.of("P", "Q"), emulator.metadata().targetNames());
        assertEquals(2 * K.length, emulator.targetScaler().columns());

        Path eval = dir.resolve("eval");
        assertEquals(0, EmuflowCommand.execute("evaluate", "--model", model.toString(), "--data", "test=" + dir.resolve("test.h5"),
                "--out-dir", eval.toString()));
        JsonNode metrics = new ObjectMapper().readTree(eval.resolve("metrics.json").toFile());
        double all99 = metrics.at("/splits/test/max_rel_error_percentiles/p99").asDouble();
        double p99 = metrics.at("/splits/test/targets/P/max_rel_error_percentiles/p99").asDouble();
        double q99 = metrics.at("/splits/test/targets/Q/max_rel_error_percentiles/p99").asDouble();
        // the combined figure is the max over both targets' grids, so it bounds each target's own figure
        assertTrue(p99 > 0 && q99 > 0 && all99 >= Math.max(p99, q99) - 1e-12, all99 + " " + p99 + " " + q99);
        assertTrue(metrics.at("/splits/test/max_rel_error_percentiles/p50").asDouble() < 0.1, metrics.toString());
        assertEquals(K.length, metrics.at("/rel_error_bands/P p99").size());
        assertEquals(K.length, metrics.at("/rel_error_bands/Q p99").size());

        // predict: one column per target, each close to its own truth (the two differ by factors of 10-1000)
        Path csv = dir.resolve("pred.csv");
        assertEquals(0, EmuflowCommand.execute("predict", "--model", model.toString(), "--param", "A=2", "--param", "n_s=1",
                "--out", csv.toString()));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("id,k,P,Q", lines.get(0));
        for (int j = 0; j < K.length; j++) {
            String[] cells = lines.get(1 + j).split(",");
            assertEquals(p(2, 1, K[j]), Double.parseDouble(cells[2]), 0.1 * p(2, 1, K[j]), "P at k=" + K[j]);
            assertEquals(q(2, 1, K[j]), Double.parseDouble(cells[3]), 0.1 * q(2, 1, K[j]), "Q at k=" + K[j]);
        }

        // the numpy evaluator splits the outputs the same way
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "SKIPPED: /usr/bin/python3 is absent");
        Path h5 = dir.resolve("model.h5");
        Path script = dir.resolve("emulator_numpy.py");
        assertEquals(0, EmuflowCommand.execute("export-model", "--model", model.toString(), "--out", h5.toString(),
                "--python", script.toString()));
        Process process = new ProcessBuilder(python.toString(), "-c", """
                import sys; sys.path.insert(0, sys.argv[1])
                from emulator_numpy import Emulator
                emu = Emulator(sys.argv[2])
                parts = emu.split(emu.predict({"A": 2.0, "n_s": 1.0}))
                print(",".join(emu.target_names))
                print(",".join("%.17g" % v for v in parts["Q"][0]))
                """, dir.toString(), h5.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(!output.contains("No module named"), "SKIPPED: Debian's python3-numpy/python3-h5py are missing: " + output);
        assertEquals(0, process.waitFor(), output);
        String[] out = output.strip().split("\n");
        assertEquals("P,Q", out[0]);
        String[] numpyQ = out[1].split(",");
        for (int j = 0; j < K.length; j++) {
            double java = Double.parseDouble(lines.get(1 + j).split(",")[3]);
            assertEquals(java, Double.parseDouble(numpyQ[j]), 1e-5 * java, "numpy Q at k=" + K[j]);
        }
    }
}
