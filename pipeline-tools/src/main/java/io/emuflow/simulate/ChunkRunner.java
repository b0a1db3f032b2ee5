package io.emuflow.simulate;

import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.data.Target;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a simulator over a slice of the samples. Samples are independent, so they run in parallel and the
 * result does not depend on the thread count. A sample whose simulation fails becomes a NaN row (counted
 * and logged) for the clean step to remove, rather than failing the whole chunk.
 */
public final class ChunkRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkRunner.class);

    private ChunkRunner() {}

    public record Result(SpectrumDataset chunk, int failed) {}

    public static Result run(Simulator simulator, SpectrumDataset samples, int from, int to, int threads) {
        if (from < 0 || to > samples.size() || from > to) {
            throw new IllegalArgumentException("chunk rows [" + from + ", " + to + ") lie outside the " + samples.size() + " samples");
        }
        List<String> names = samples.parameterNames();
        int rows = to - from;
        int nTargets = simulator.targets().size();
        int nGrid = simulator.grid().length;
        double[][][] values = new double[nTargets][rows][];
        AtomicInteger failed = new AtomicInteger();
        if (simulator.prefersBatch()) {
            // one call for the whole chunk (e.g. one run of an external program); a failing batch fails the task
            double[][][] batch = simulator.simulateBatch(names, Arrays.copyOfRange(samples.params(), from, to));
            for (int i = 0; i < rows; i++) {
                for (int t = 0; t < nTargets; t++) {
                    values[t][i] = batch[i][t];
                }
            }
            return new Result(chunkOf(simulator, samples, from, to, values), 0);
        }
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try {
            pool.submit(() -> IntStream.range(0, rows).parallel().forEach(i -> {
                double[][] spectra;
                try {
                    spectra = simulator.simulate(names, samples.params()[from + i]);
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    LOG.warn("sample {} failed: {}", samples.index()[from + i], e.getMessage());
                    spectra = new double[nTargets][nGrid];
                    for (double[] s : spectra) {
                        Arrays.fill(s, Double.NaN);
                    }
                }
                for (int t = 0; t < nTargets; t++) {
                    values[t][i] = spectra[t];
                }
            })).join();
        } finally {
            pool.shutdown();
        }
        return new Result(chunkOf(simulator, samples, from, to, values), failed.get());
    }

    private static SpectrumDataset chunkOf(Simulator simulator, SpectrumDataset samples, int from, int to, double[][][] values) {
        int nTargets = simulator.targets().size();
        Map<String, Target> targets = new LinkedHashMap<>();
        for (int t = 0; t < nTargets; t++) {
            Simulator.TargetSpec spec = simulator.targets().get(t);
            targets.put(spec.name(), new Target(spec.name(), spec.units(), false, values[t]));
        }
        long[] index = Arrays.copyOfRange(samples.index(), from, to);
        double[][] params = Arrays.copyOfRange(samples.params(), from, to);
        List<Parameter> parameters = samples.parameters();
        return new SpectrumDataset(samples.study(), "simulate", index, parameters, params,
                simulator.grid(), simulator.gridUnits(), targets, Map.of());
    }
}
