package io.emuflow.bench;

import io.emuflow.data.Json;
import io.emuflow.data.Parameter;
import io.emuflow.ml.emulator.Emulator;
import io.emuflow.ml.emulator.FastEmulator;
import io.emuflow.ml.emulator.Pretrained;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prediction speed of trained emulators (e.g. the four CMB emulators, issue 23): single calls through the pure-Java
 * path on one thread, for each model and for one cosmology through all of them in turn, and batches of rows through
 * ND4J. Parameter sets are drawn uniformly in the first model's training box. Prints JSON.
 */
@Command(name = "bench-emulators", mixinStandardHelpOptions = true,
        description = "Time single calls (pure Java, one thread) and batches (ND4J) of trained emulators; prints JSON.")
public final class BenchEmulatorsCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "bundle directory or pretrained:NAME (repeat; all take the same parameters)")
    List<String> models;

    @Option(names = "--calls", defaultValue = "20000", description = "timed single calls (default ${DEFAULT-VALUE})")
    int calls;

    @Option(names = "--batch", defaultValue = "10000", description = "rows of the timed batch (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--repeats", defaultValue = "5", description = "timed batches per model (default ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Override
    public Integer call() throws Exception {
        List<Emulator> emulators = new ArrayList<>();
        for (String model : models) {
            emulators.add(Emulator.load(Pretrained.isReference(model) ? Pretrained.bundle(model) : Path.of(model)));
        }
        List<String> names = emulators.get(0).metadata().paramNames();
        for (Emulator e : emulators) {
            if (!e.metadata().paramNames().equals(names)) {
                throw new IllegalArgumentException("the models take different parameters: " + names + " and " + e.metadata().paramNames());
            }
        }
        double[][] params = draws(emulators.get(0), Math.max(batch, 1000));
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> perModel = new ArrayList<>();
        List<FastEmulator> fast = new ArrayList<>();
        for (int m = 0; m < emulators.size(); m++) {
            Emulator e = emulators.get(m);
            FastEmulator f = FastEmulator.of(e);
            fast.add(f);
            double[] seconds = MlBenchmark.batchPredictSeconds(e, java.util.Arrays.copyOf(params, batch), repeats);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", models.get(m));
            row.put("outputs", f.outputs());
            row.put("kernel", f.kernel());
            row.put("single_call_us", MlBenchmark.singleFastMicros(f, params, calls));
            row.put("batch_rows", batch);
            row.put("batch_seconds_median", seconds[0]);
            row.put("batch_cpu_seconds_mean", seconds[1]);
            perModel.add(row);
        }
        out.put("models", perModel);
        double[][] buffers = fast.stream().map(f -> new double[f.outputs()]).toArray(double[][]::new);
        out.put("one_cosmology_all_models_us", MlBenchmark.perCallMicros(calls, i -> {
            for (int m = 0; m < fast.size(); m++) {
                fast.get(m).predictLog10(params[i % params.length], buffers[m]);
            }
        }));
        fast.forEach(FastEmulator::close);
        System.out.print(Json.pretty(out));
        return 0;
    }

    private double[][] draws(Emulator emulator, int n) {
        List<Parameter> box = emulator.metadata().box();
        List<String> names = emulator.metadata().paramNames();
        SplittableRandom random = new SplittableRandom(seed);
        double[][] out = new double[n][names.size()];
        for (double[] row : out) {
            for (int c = 0; c < row.length; c++) {
                String name = names.get(c);
                Parameter p = box.stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
                // without a recorded box, around the scaler's mean (timings do not depend on the values)
                double mean = emulator.paramScaler().mean()[c];
                row[c] = p == null ? mean * (1 + 0.01 * (random.nextDouble() - 0.5)) : p.lower() + random.nextDouble() * (p.upper() - p.lower());
            }
        }
        return out;
    }
}
