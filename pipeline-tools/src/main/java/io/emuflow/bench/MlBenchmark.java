package io.emuflow.bench;

import io.emuflow.ml.OpenBlasCheck;
import io.emuflow.ml.emulator.Emulator;
import io.emuflow.ml.emulator.EmulatorMetadata;
import io.emuflow.ml.emulator.EmulatorTrainer;
import io.emuflow.ml.emulator.FastEmulator;
import io.emuflow.ml.emulator.ModelSettings;
import io.emuflow.ml.emulator.TrainingData;
import io.emuflow.data.Standardizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Speed figures of the ML stack on synthetic data of a given shape (the values do not change the timings):
 * seconds per training epoch, a batch of predictions through ND4J, and single-call latency through ND4J and
 * through {@link FastEmulator}. Used by `emuflow bench-ml`; bench/torch_mlp.py measures PyTorch the same way.
 */
public final class MlBenchmark {
    private MlBenchmark() {}

    /** Synthetic data: uniform parameters in [0,1]^p, smooth targets on {@code outputs} points. */
    public static TrainingData data(int samples, int params, int outputs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[samples][params];
        double[][] y = new double[samples][outputs];
        for (int i = 0; i < samples; i++) {
            for (int p = 0; p < params; p++) {
                x[i][p] = random.nextDouble();
            }
            for (int j = 0; j < outputs; j++) {
                double t = j / (double) outputs;
                double v = 0;
                for (int p = 0; p < params; p++) {
                    v += Math.sin((p + 1) * t * 3 + x[i][p]) * (1 + x[i][p]);
                }
                y[i][j] = v;
            }
        }
        return new TrainingData(x, y);
    }

    /** CPU seconds used so far by the whole process (all threads, native ones included). */
    static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** Wall seconds (row 0) and process CPU seconds (row 1) of each timed epoch, after {@code warmup} untimed ones. */
    public static double[][] trainEpochSeconds(ModelSettings settings, TrainingData data, int warmup, int epochs, long seed,
            boolean stockLayers) {
        Runnable epoch = EmulatorTrainer.epochRunner(settings, data, metadata(data.inputs()[0].length, data.targets()[0].length), seed,
                stockLayers);
        double[][] seconds = new double[2][epochs];
        for (int e = 0; e < warmup + epochs; e++) {
            long t0 = System.nanoTime();
            double c0 = processCpuSeconds();
            epoch.run();
            long t1 = System.nanoTime();
            double c1 = processCpuSeconds();
            if (e >= warmup) {
                seconds[0][e - warmup] = (t1 - t0) / 1e9;
                seconds[1][e - warmup] = c1 - c0;
            }
        }
        return seconds;
    }

    /** An untrained emulator of the given shape (timings of inference do not depend on the weights). */
    public static Emulator untrained(ModelSettings settings, TrainingData data, long seed, boolean stockLayers) {
        return EmulatorTrainer.untrained(settings, data, metadata(data.inputs()[0].length, data.targets()[0].length), seed, stockLayers);
    }

    /** Median wall seconds of {@code repeats} batch predictions through ND4J (after one untimed), and their mean process CPU seconds. */
    public static double[] batchPredictSeconds(Emulator emulator, double[][] params, int repeats) {
        emulator.predictLog10(params);
        double[] t = new double[repeats];
        double c0 = processCpuSeconds();
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            emulator.predictLog10(params);
            t[r] = (System.nanoTime() - t0) / 1e9;
        }
        return new double[] {median(t), (processCpuSeconds() - c0) / repeats};
    }

    /** Median microseconds per single-row call through ND4J (measured in blocks of 100 calls). */
    public static double singleNd4jMicros(Emulator emulator, double[][] params, int calls) {
        return perCallMicros(calls, i -> emulator.predictLog10(new double[][] {params[i % params.length]}));
    }

    /** Median microseconds per single-row call through the pure-Java path. */
    public static double singleFastMicros(FastEmulator fast, double[][] params, int calls) {
        double[] out = new double[fast.outputs()];
        return perCallMicros(calls, i -> fast.predictLog10(params[i % params.length], out));
    }

    /** Median microseconds per call of {@code call(i)} (blocks of 100 calls, after up to 2000 untimed). */
    static double perCallMicros(int calls, java.util.function.IntConsumer call) {
        for (int i = 0; i < Math.min(calls, 2000); i++) {
            call.accept(i);
        }
        int block = 100;
        List<Double> perCall = new ArrayList<>();
        for (int start = 0; start < calls; start += block) {
            long t0 = System.nanoTime();
            for (int i = start; i < start + block; i++) {
                call.accept(i);
            }
            perCall.add((System.nanoTime() - t0) / 1e3 / block);
        }
        return median(perCall.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static EmulatorMetadata metadata(int params, int outputs) {
        List<String> names = new ArrayList<>();
        for (int p = 0; p < params; p++) {
            names.add("p" + p);
        }
        double[] grid = new double[outputs];
        for (int j = 0; j < outputs; j++) {
            grid[j] = j;
        }
        return new EmulatorMetadata("bench", names, "y", grid, "index");
    }

    /**
     * Figures of one configuration, in a fixed order (what bench-ml prints): training epochs (unless {@code epochs} is
     * 0), then inference (unless {@code skipInference}), with the fused layers or DL4J's stock ones.
     */
    public static Map<String, Object> run(ModelSettings settings, int samples, int outputs, int epochs, long seed, boolean stockLayers,
            boolean skipInference) {
        OpenBlasCheck.warnIfGeneric();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("layers", stockLayers ? "stock" : "fast");
        TrainingData data = data(samples, 6, outputs, seed);
        if (epochs > 0) {
            // EmulatorTrainer takes the lean step (FusedTrainer) for float32 networks of fused CosmoPower layers
            boolean lean = !stockLayers && !settings.float64() && settings.activation() == ModelSettings.Activation.COSMOPOWER
                    && settings.dropout() == 0 && settings.weightDecay() == 0;
            out.put("train_step", lean ? "fused-trainer, " + io.emuflow.ml.layers.FusedTrainer.kernelName() + " kernels" : "dl4j-fit");
            double[][] epochSeconds = trainEpochSeconds(settings, data, 1, epochs, seed, stockLayers);
            out.put("train_epoch_seconds_median", median(epochSeconds[0]));
            out.put("train_epoch_seconds", epochSeconds[0]);
            out.put("train_epoch_cpu_seconds_median", median(epochSeconds[1]));
            out.put("train_epoch_cpu_seconds", epochSeconds[1]);
        }
        if (skipInference) {
            return out;
        }
        Emulator emulator = untrained(settings, data, seed, stockLayers);
        double[][] batch = Arrays.copyOf(data.inputs(), Math.min(10_000, samples));
        out.put("predict_batch_rows", batch.length);
        out.put("gate_pass", stockLayers ? "none (stock layers)"
                : io.emuflow.ml.layers.CosmoPowerDenseLayer.gatePassName().orElse("nd4j ops (no jdk.incubator.vector)"));
        double[] batchSeconds = batchPredictSeconds(emulator, batch, 7);
        out.put("predict_batch_seconds_median", batchSeconds[0]);
        out.put("predict_batch_cpu_seconds_mean", batchSeconds[1]);
        out.put("predict_single_nd4j_us_median", singleNd4jMicros(emulator, batch, 3000));
        FastEmulator fast = FastEmulator.of(emulator);
        out.put("fast_kernel", fast.kernel());
        out.put("predict_single_fast_us_median", singleFastMicros(fast, batch, 20000));
        try (FastEmulator twoThreads = FastEmulator.of(emulator, 2)) {
            out.put("predict_single_fast_2threads_us_median", singleFastMicros(twoThreads, batch, 20000));
        }
        return out;
    }
}
