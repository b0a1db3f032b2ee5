package io.emuflow.bench;

import io.emuflow.data.BoxColumn;
import io.emuflow.data.BoxSpec;
import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.ml.inverse.InverseSettings;
import io.emuflow.ml.inverse.InverseTrainer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training-epoch time of a cnn3d network on synthetic boxes (bench/compare_cnn3d.sh runs bench/torch_cnn3d.py on
 * the same network and shapes). Mode "network": the minibatches are INDArrays made once, as PyTorch gets tensors
 * (the network alone); mode "pipeline": the epoch of train-inverse's box trainer on boxes held as rows, with the scaling and
 * the cube-symmetry augmentation of every minibatch (what train-inverse does, less the file reads). Timed epochs follow
 * a warm-up: the first and the last (partial) minibatch in mode network, a whole epoch in mode pipeline.
 */
public final class Cnn3dBenchmark {
    private Cnn3dBenchmark() {}

    public static Map<String, Object> run(Map<String, Object> model, int samples, int dim, int channels, int epochs, long seed, String mode) {
        InverseSettings settings = InverseSettings.fromMap(model);
        SplittableRandom random = new SplittableRandom(seed);
        Nd4j.getRandom().setSeed(seed);
        ComputationGraph network = InverseTrainer.cnn3dNetwork(settings, channels, dim, 2, seed);
        int cells = dim * dim * dim;
        float[][][] boxes = new float[channels][samples][cells];
        for (float[][] channel : boxes) {
            for (float[] row : channel) {
                for (int c = 0; c < cells; c++) {
                    row[c] = (float) random.nextDouble();
                }
            }
        }
        double[][] params = new double[samples][2];
        for (double[] p : params) {
            p[0] = random.nextGaussian();
            p[1] = random.nextGaussian();
        }
        INDArray y = Nd4j.create(params).castTo(DataType.FLOAT);
        int batch = settings.batchSize();
        List<Runnable> epochWork = new ArrayList<>();
        if (mode.equals("network")) {
            List<INDArray[]> batches = new ArrayList<>();
            for (int start = 0; start < samples; start += batch) {
                int end = Math.min(samples, start + batch);
                float[] x = new float[(end - start) * channels * cells];
                for (int i = start; i < end; i++) {
                    for (int ch = 0; ch < channels; ch++) {
                        System.arraycopy(boxes[ch][i], 0, x, ((i - start) * channels + ch) * cells, cells);
                    }
                }
                batches.add(new INDArray[] {Nd4j.create(x, new long[] {end - start, channels, dim, dim, dim}, 'c'),
                        y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end), org.nd4j.linalg.indexing.NDArrayIndex.all())});
            }
            epochWork.add(() -> {
                for (INDArray[] b : batches) {
                    network.fit(new INDArray[] {b[0]}, new INDArray[] {b[1]});
                }
            });
            // warm-up (JIT, oneDNN primitives): one full and the last, partial, minibatch, as bench/torch_cnn3d.py
            INDArray[] first = batches.get(0);
            INDArray[] last = batches.get(batches.size() - 1);
            epochWork.add(() -> {
                network.fit(new INDArray[] {first[0]}, new INDArray[] {first[1]});
                network.fit(new INDArray[] {last[0]}, new INDArray[] {last[1]});
            });
        } else if (mode.equals("pipeline")) {
            Map<String, BoxColumn> columns = new LinkedHashMap<>();
            List<String> names = settings.boxSettings().channels();
            if (names.size() != channels) {
                throw new IllegalArgumentException("--channels " + channels + " but the model reads " + names);
            }
            for (int ch = 0; ch < channels; ch++) {
                columns.put(names.get(ch), BoxColumn.inMemory(new BoxSpec(names.get(ch), "", "", dim, 100, 0), boxes[ch]));
            }
            long[] index = java.util.stream.LongStream.range(0, samples).toArray();
            SpectrumDataset data = new SpectrumDataset("bench", "split", index,
                    List.of(new Parameter("a", "", -3, 3), new Parameter("b", "", -3, 3)), params, null, null, Map.of(), Map.of(), columns);
            epochWork.add(InverseTrainer.boxEpochRunner(settings, network, data, y, random));
            epochWork.add(epochWork.get(0)); // warm-up: a whole epoch (the pipeline's minibatches are made as it goes)
        } else {
            throw new IllegalArgumentException("--mode is network or pipeline, not " + mode);
        }
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        epochWork.get(1).run();
        for (int e = 0; e < epochs; e++) {
            double c0 = cpuSeconds();
            long t0 = System.nanoTime();
            epochWork.get(0).run();
            wall.add((System.nanoTime() - t0) / 1e9);
            cpu.add(cpuSeconds() - c0);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode);
        out.put("network_parameters", network.numParams());
        out.put("train_epoch_seconds", wall);
        out.put("train_epoch_cpu_seconds", cpu);
        out.put("train_epoch_seconds_median", median(wall));
        out.put("train_epoch_cpu_seconds_median", median(cpu));
        return out;
    }

    private static double cpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
