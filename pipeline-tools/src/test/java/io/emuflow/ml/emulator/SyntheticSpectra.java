package io.emuflow.ml.emulator;

import io.emuflow.data.Standardizer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Smooth toy spectra for fast tests: P(k) = A k^n / (1 + (k/k0)^2) on a log grid, with (A, n, k0) drawn
 * uniformly; the emulators learn log10 P from (A, n, k0).
 */
final class SyntheticSpectra {
    static final double[] GRID = logspace(1e-3, 1.0, 16);
    static final EmulatorMetadata METADATA = new EmulatorMetadata("toy", List.of("A", "n", "k0"), "P", GRID, "k");

    private SyntheticSpectra() {}

    static TrainingData draw(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] params = new double[n][];
        double[][] targets = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = 1 + 4 * random.nextDouble();
            double slope = 0.5 + random.nextDouble();
            double k0 = 0.01 + 0.2 * random.nextDouble();
            params[i] = new double[] {a, slope, k0};
            targets[i] = log10Spectrum(params[i]);
        }
        return new TrainingData(params, targets);
    }

    static double[] log10Spectrum(double[] p) {
        double[] out = new double[GRID.length];
        for (int j = 0; j < GRID.length; j++) {
            double k = GRID[j];
            out[j] = Math.log10(p[0] * Math.pow(k, p[1]) / (1 + (k / p[2]) * (k / p[2])));
        }
        return out;
    }

    static Standardizer paramScaler(TrainingData train) {
        return Standardizer.fit(train.inputs(), 1e-12);
    }

    static Standardizer targetScaler(TrainingData train) {
        return Standardizer.fit(train.targets(), 1e-6);
    }

    private static double[] logspace(double from, double to, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = from * Math.pow(to / from, i / (n - 1.0));
        }
        return out;
    }
}
