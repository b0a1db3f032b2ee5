package io.emuflow.testing;

import io.emuflow.data.DatasetFile;
import io.emuflow.data.Splitter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.data.Target;
import io.emuflow.data.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The toy emulator data the CLI tests train on: n samples of P(k) = A k^n_s / (1 + k^2) on eight k from 1e-3 to
 * 3/Mpc, A uniform in [1, 5] and n_s in [0.8, 1.2], split 0.6 / 0.2 / 0.2 into train.h5, validation.h5 and test.h5.
 */
public final class ToySpectra {
    public static final double[] K = {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0};
    public static final List<Parameter> PARAMETERS = List.of(new Parameter("A", "", 1, 5), new Parameter("n_s", "", 0.8, 1.2));

    private ToySpectra() {
    }

    /** The toy spectrum. */
    public static double truth(double a, double ns, double k) {
        return a * Math.pow(k, ns) / (1 + k * k);
    }

    /** Writes the three splits of n samples (seed 4, split seed 9) into dir. */
    public static void writeSplits(Path dir, int n) throws Exception {
        SplittableRandom random = new SplittableRandom(4);
        long[] index = new long[n];
        double[][] params = new double[n][];
        double[][] spectra = new double[n][K.length];
        for (int i = 0; i < n; i++) {
            index[i] = i;
            params[i] = new double[] {1 + 4 * random.nextDouble(), 0.8 + 0.4 * random.nextDouble()};
            for (int j = 0; j < K.length; j++) {
                spectra[i][j] = truth(params[i][0], params[i][1], K[j]);
            }
        }
        SpectrumDataset all = new SpectrumDataset("toy", "clean", index, PARAMETERS, params, K, "1/Mpc",
                Map.of("P", new Target("P", "Mpc^3", false, spectra)), Map.of());
        Splitter.Splits splits = Splitter.split(all, 0.6, 0.2, 9, 1e-3);
        DatasetFile.write(splits.train(), dir.resolve("train.h5"), "test");
        DatasetFile.write(splits.validation(), dir.resolve("validation.h5"), "test");
        DatasetFile.write(splits.test(), dir.resolve("test.h5"), "test");
    }

    /**
     * Writes the toy study (A and n_s, no simulator, target P, split 0.6 / 0.2 / 0.2) with {@code samples} samples and
     * the given `models:` entries (YAML lines, indented by two spaces), as dir/study.yaml.
     */
    public static Path writeStudy(Path dir, int samples, String models) throws IOException {
        Path file = dir.resolve("study.yaml");
        Files.writeString(file, """
                name: toy
                kind: emulator
                samples: %d
                parameters:
                  - {name: A, lower: 1, upper: 5}
                  - {name: n_s, lower: 0.8, upper: 1.2}
                simulator: {name: none}
                target: P
                split: {train: 0.6, validation: 0.2, test: 0.2, std_floor: 0.001}
                models:
                """.formatted(samples) + models.stripTrailing() + "\n");
        return file;
    }
}
