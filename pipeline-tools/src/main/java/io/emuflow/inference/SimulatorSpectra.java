package io.emuflow.inference;

import io.emuflow.simulate.Simulator;
import io.emuflow.simulate.SimulatorRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * A simulator as the model (the reference an emulator's posterior is checked against): each row is one
 * {@link Simulator#simulate} call, rows spread over {@code threads} worker threads. Each row's result depends only
 * on its parameters, so the output does not depend on the number of threads.
 */
public final class SimulatorSpectra implements SpectrumModel {
    private final Simulator simulator;
    private final List<String> names;
    private final int target;
    private final ForkJoinPool pool;

    public SimulatorSpectra(Simulator simulator, List<String> names, String targetName, int threads) {
        this.simulator = simulator;
        this.names = List.copyOf(names);
        int t = MockData.targetIndex(simulator);
        if (targetName != null) {
            t = -1;
            for (int i = 0; i < simulator.targets().size(); i++) {
                if (simulator.targets().get(i).name().equals(targetName)) {
                    t = i;
                }
            }
            if (t < 0) {
                throw new IllegalArgumentException("simulator " + simulator.name() + " makes " + simulator.targets() + ", not '" + targetName + "'");
            }
        }
        this.target = t;
        this.pool = new ForkJoinPool(Math.max(1, threads));
    }

    /**
     * The named simulator set up on a log-spaced grid equal to {@code grid} (k_min, k_max and n_k from it), refused
     * with one line when the simulator's grid does not reproduce it to 1e-9 relative (e.g. a grid that is not
     * log-spaced).
     */
    public static Simulator forGrid(String name, double[] grid) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("k_min", grid[0]);
        settings.put("k_max", grid[grid.length - 1]);
        settings.put("n_k", grid.length);
        Simulator simulator = SimulatorRegistry.create(name, settings);
        double[] own = simulator.grid();
        boolean same = own.length == grid.length;
        for (int i = 0; same && i < grid.length; i++) {
            same = Math.abs(own[i] / grid[i] - 1) < 1e-9;
        }
        if (!same) {
            throw new IllegalArgumentException("simulator " + name + " cannot reproduce the emulator's k grid (" + grid.length + " points from "
                    + grid[0] + " to " + grid[grid.length - 1] + "; it makes log-spaced grids only)");
        }
        return simulator;
    }

    @Override
    public List<String> parameterNames() {
        return names;
    }

    @Override
    public double[] grid() {
        return simulator.grid();
    }

    @Override
    public double[][] spectra(double[][] rows) {
        double[][] out = new double[rows.length][];
        try {
            pool.submit(() -> IntStream.range(0, rows.length).parallel()
                    .forEach(i -> out[i] = simulator.simulate(names, rows[i])[target])).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return out;
    }

    @Override
    public String describe() {
        return "simulator " + simulator.name() + " (" + simulator.targets().get(target).name() + ")";
    }
}
