package io.emuflow.bench;

import io.emuflow.simulate.Simulator;
import io.emuflow.simulate.SimulatorRegistry;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times the halo-boxes simulator as the simulate step runs it (initial conditions, 2LPT, particle mesh,
 * friends-of-friends, the three 32^3 boxes and P_hh): the first box in a fresh JVM, then process CPU seconds per box
 * on one thread, then the throughput of independent boxes on worker threads. One line per figure on stdout.
 */
@Command(name = "bench-halo-boxes", mixinStandardHelpOptions = true,
        description = "Benchmark the halo-boxes simulator: CPU seconds per box and boxes per second.")
public final class BenchHaloBoxesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--particles", defaultValue = "64", description = "particles per side (default: ${DEFAULT-VALUE})")
    int particles;

    @Option(names = "--box", defaultValue = "128", description = "box side in Mpc/h (default: ${DEFAULT-VALUE})")
    double boxLength;

    @Option(names = "--steps", defaultValue = "10", description = "particle-mesh steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--repeats", defaultValue = "4", description = "timed boxes after the first (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--workers", defaultValue = "2", description = "worker threads for the throughput figure (default: ${DEFAULT-VALUE})")
    int workers;

    @Override
    public Integer call() throws Exception {
        if (repeats < 1 || workers < 1) {
            throw new IllegalArgumentException("--repeats and --workers must be >= 1, got " + repeats + " and " + workers);
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("box_length", boxLength);
        settings.put("particle_grid", particles);
        settings.put("pm_steps", steps);
        settings.put("fft_threads", 1);
        out.printf(Locale.ROOT, "# bench-halo-boxes: %d^3 particles, %d^3 mesh, %.0f Mpc/h, %d steps, 1 FFT thread, %d cores%n",
                particles, 2 * particles, boxLength, steps, Runtime.getRuntime().availableProcessors());
        long start = System.nanoTime();
        long cpu = processCpuNanos();
        Simulator simulator = SimulatorRegistry.create("halo-boxes", settings);
        List<String> names = List.of("Omega_m", "sigma_8");
        simulator.simulateWithBoxes(names, new double[] {0.3175, 0.834});
        out.printf(Locale.ROOT, "first_box_s,%.3f%nfirst_box_process_cpu_s,%.3f%n", (System.nanoTime() - start) / 1e9,
                (processCpuNanos() - cpu) / 1e9);
        out.flush();
        start = System.nanoTime();
        cpu = processCpuNanos();
        for (int r = 0; r < repeats; r++) {
            simulator.simulateWithBoxes(names, new double[] {0.25 + 0.01 * r, 0.8});
        }
        out.printf(Locale.ROOT, "box_s,%.3f%nbox_process_cpu_s,%.3f%n", (System.nanoTime() - start) / 1e9 / repeats,
                (processCpuNanos() - cpu) / 1e9 / repeats);
        out.flush();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            int boxes = 2 * workers;
            start = System.nanoTime();
            cpu = processCpuNanos();
            List<Future<?>> futures = new ArrayList<>();
            for (int b = 0; b < boxes; b++) {
                double om = 0.2 + 0.02 * b;
                futures.add(pool.submit(() -> simulator.simulateWithBoxes(names, new double[] {om, 0.85})));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            double wall = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "workers,%d%nboxes_per_s,%.3f%nthroughput_process_cpu_s_per_box,%.3f%n", workers, boxes / wall,
                    (processCpuNanos() - cpu) / 1e9 / boxes);
        } finally {
            pool.shutdownNow();
        }
        return 0;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
