package io.emuflow.simulate;

import io.emuflow.data.BoxColumn;
import io.emuflow.data.BoxScratch;
import io.emuflow.data.BoxSpec;
import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.data.Target;
import io.emuflow.progress.Progress;
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
 * and logged) for the clean step to remove, rather than failing the whole chunk; its boxes, if any, are NaN too.
 *
 * <p>Boxes (when the simulator saves them) go to a {@link BoxScratch} file as each sample finishes, so memory
 * holds one sample's boxes per thread; without a scratch file they are kept in memory, up to
 * {@link #MAX_BOXES_IN_MEMORY} bytes.
 */
public final class ChunkRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkRunner.class);

    /** Boxes of a chunk run without a scratch file (tests, benchmarks) are held in memory up to this size. */
    public static final long MAX_BOXES_IN_MEMORY = 1L << 30;

    private ChunkRunner() {}

    public record Result(SpectrumDataset chunk, int failed) {}

    public static Result run(Simulator simulator, SpectrumDataset samples, int from, int to, int threads) {
        return run(simulator, samples, from, to, threads, null);
    }

    /**
     * @param scratch where the boxes go as samples finish (created for the simulator's {@link Simulator#boxes()} and
     *        {@code to - from} rows); null keeps them in memory. The result's boxes read from it: write the chunk
     *        before closing the scratch file.
     */
    public static Result run(Simulator simulator, SpectrumDataset samples, int from, int to, int threads, BoxScratch scratch) {
        if (from < 0 || to > samples.size() || from > to) {
            throw new IllegalArgumentException("chunk rows [" + from + ", " + to + ") lie outside the " + samples.size() + " samples");
        }
        List<String> names = samples.parameterNames();
        int rows = to - from;
        int nTargets = simulator.targets().size();
        int nGrid = simulator.grid().length;
        double[][][] values = new double[nTargets][rows][];
        AtomicInteger failed = new AtomicInteger();
        List<BoxSpec> boxSpecs = simulator.boxes();
        BoxSink boxes = BoxSink.of(boxSpecs, rows, scratch);
        if (simulator.prefersBatch() && !boxSpecs.isEmpty()) {
            throw new IllegalStateException("simulator " + simulator.name() + " runs in batches and cannot save boxes");
        }
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
        try (Progress progress = Progress.start("simulate " + simulator.name(), rows, "samples")) {
            pool.submit(() -> IntStream.range(0, rows).parallel().forEach(i -> {
                double[][] spectra;
                float[][] sampleBoxes = null;
                try {
                    if (boxSpecs.isEmpty()) {
                        spectra = simulator.simulate(names, samples.params()[from + i]);
                    } else {
                        Simulator.Output output = simulator.simulateWithBoxes(names, samples.params()[from + i]);
                        spectra = output.spectra();
                        sampleBoxes = output.boxes();
                    }
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    LOG.warn("sample {} failed: {}", samples.index()[from + i], e.getMessage());
                    spectra = new double[nTargets][nGrid];
                    for (double[] s : spectra) {
                        Arrays.fill(s, Double.NaN);
                    }
                    sampleBoxes = nanBoxes(boxSpecs);
                }
                for (int t = 0; t < nTargets; t++) {
                    values[t][i] = spectra[t];
                }
                for (int b = 0; b < boxSpecs.size(); b++) {
                    boxes.put(b, i, sampleBoxes[b]);
                }
                progress.step();
            })).join();
        } finally {
            pool.shutdown();
        }
        return new Result(chunkOf(simulator, samples, from, to, values).withBoxes(boxes.columns()), failed.get());
    }

    private static float[][] nanBoxes(List<BoxSpec> specs) {
        float[][] out = new float[specs.size()][];
        for (int b = 0; b < out.length; b++) {
            out[b] = new float[specs.get(b).cells()];
            Arrays.fill(out[b], Float.NaN);
        }
        return out;
    }

    /** Where a chunk's boxes go: a scratch file, or arrays in memory. */
    private record BoxSink(List<BoxSpec> specs, BoxScratch scratch, float[][][] memory) {
        static BoxSink of(List<BoxSpec> specs, int rows, BoxScratch scratch) {
            if (scratch != null) {
                if (!scratch.specs().equals(specs)) {
                    throw new IllegalArgumentException("the box scratch file holds " + scratch.specs() + ", the simulator saves " + specs);
                }
                return new BoxSink(specs, scratch, null);
            }
            long bytes = specs.stream().mapToLong(BoxSpec::rowBytes).sum() * rows;
            if (bytes > MAX_BOXES_IN_MEMORY) {
                throw new IllegalArgumentException("saving " + specs.size() + " boxes for " + rows + " samples in memory needs "
                        + (bytes >> 20) + " MiB (limit " + (MAX_BOXES_IN_MEMORY >> 20) + " MiB): give the chunk runner a scratch file");
            }
            return new BoxSink(specs, null, new float[specs.size()][rows][]);
        }

        void put(int box, int row, float[] values) {
            if (scratch != null) {
                scratch.put(box, row, values);
            } else {
                memory[box][row] = values;
            }
        }

        Map<String, BoxColumn> columns() {
            Map<String, BoxColumn> out = new LinkedHashMap<>();
            for (int b = 0; b < specs.size(); b++) {
                out.put(specs.get(b).name(), scratch != null ? scratch.column(b) : BoxColumn.inMemory(specs.get(b), memory[b]));
            }
            return out;
        }
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
