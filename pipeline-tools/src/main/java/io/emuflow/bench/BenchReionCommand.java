package io.emuflow.bench;

import io.emuflow.fields.Box;
import io.emuflow.fields.Fft3;
import io.emuflow.reionization.AstroParams;
import io.emuflow.reionization.CoevalSimulator;
import io.emuflow.reionization.PerturbedField;
import io.emuflow.reionization.ReionCosmology;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times the 21-cm simulator: one coeval box (initial conditions, Zel'dovich displacement, ionization, T_b,
 * spectrum) at one redshift, the first in a fresh JVM and then warm; a new parameter set on an existing perturbed
 * field; and the throughput of independent boxes on worker threads (as the simulate step runs them). Prints one
 * line per figure on stdout.
 */
@Command(name = "bench-reion", mixinStandardHelpOptions = true,
        description = "Benchmark the 21-cm simulator (reion21cm) at one redshift.")
public final class BenchReionCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dim", defaultValue = "64", description = "cells per side (default: ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--box", defaultValue = "128", description = "box side in Mpc (default: ${DEFAULT-VALUE})")
    double boxLength;

    @Option(names = "--z", defaultValue = "8", description = "redshift (default: ${DEFAULT-VALUE})")
    double redshift;

    @Option(names = "--repeats", defaultValue = "5", description = "timed repetitions after the first (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--fft-threads", defaultValue = "2", description = "threads inside each FFT for the single-box timings (default: ${DEFAULT-VALUE})")
    int fftThreads;

    @Option(names = "--workers", defaultValue = "2", description = "worker threads for the throughput figure (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--fiducial-seeds", defaultValue = "0",
            description = "instead of timing: print the mean and standard deviation over seeds 1..N of x_HI, mean T_b and "
                    + "Delta^2 in every k bin at the fiducial point, at the --fiducial-z redshifts (default: ${DEFAULT-VALUE})")
    int fiducialSeeds;

    @Option(names = "--fiducial-z", split = ",", defaultValue = "7,8,9", description = "redshifts of --fiducial-seeds (default: ${DEFAULT-VALUE})")
    double[] fiducialRedshifts;

    @Override
    public Integer call() throws Exception {
        if (fiducialSeeds > 0) {
            return fiducial(new Box(dim, boxLength));
        }
        if (repeats < 1 || workers < 1) {
            throw new IllegalArgumentException("--repeats and --workers must be >= 1, got " + repeats + " and " + workers);
        }
        PrintWriter out = spec.commandLine().getOut();
        Box box = new Box(dim, boxLength);
        Fft3.setThreads(fftThreads);
        out.printf(Locale.ROOT, "# bench-reion: %d^3 cells, %.0f Mpc, z = %.2f, fiducial astrophysics, %d FFT threads, %d cores%n",
                dim, boxLength, redshift, fftThreads, Runtime.getRuntime().availableProcessors());

        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        CoevalSimulator simulator = new CoevalSimulator(box, ReionCosmology.fiducial(), 3, true);
        PerturbedField field = fullBox(simulator, 0);
        double cold = seconds(start);
        out.printf(Locale.ROOT, "first_box_s,%.3f%nfirst_box_process_cpu_s,%.3f%n", cold, (processCpuNanos() - cpuStart) / 1e9);
        out.flush();

        double[] warm = new double[repeats];
        long cpuWarm = processCpuNanos();
        for (int r = 0; r < repeats; r++) {
            long t = System.nanoTime();
            fullBox(simulator, r + 1);
            warm[r] = seconds(t);
        }
        out.printf(Locale.ROOT, "box_s_median,%.3f%nbox_s_min,%.3f%nbox_process_cpu_s_mean,%.3f%n", median(warm), min(warm),
                (processCpuNanos() - cpuWarm) / 1e9 / repeats);

        double[] reuse = new double[repeats];
        long cpuReuse = processCpuNanos();
        for (int r = 0; r < repeats; r++) {
            AstroParams astro = new AstroParams(20 + 15 * r, 4.4 + 0.2 * r, 8 + 2 * r);
            long t = System.nanoTime();
            CoevalSimulator.Coeval coeval = simulator.ionize(field, astro, r);
            simulator.delta2(coeval.brightnessTemperature());
            reuse[r] = seconds(t);
        }
        out.printf(Locale.ROOT, "new_params_s_median,%.3f%nnew_params_s_min,%.3f%nnew_params_process_cpu_s_mean,%.3f%n",
                median(reuse), min(reuse), (processCpuNanos() - cpuReuse) / 1e9 / repeats);

        Fft3.setThreads(1);
        int boxes = 2 * workers * Math.max(1, repeats / 2);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            long t = System.nanoTime();
            List<Future<PerturbedField>> futures = new ArrayList<>();
            for (int b = 0; b < boxes; b++) {
                long seed = 100 + b;
                futures.add(pool.submit(() -> fullBox(simulator, seed)));
            }
            for (Future<PerturbedField> f : futures) {
                f.get();
            }
            out.printf(Locale.ROOT, "throughput_s_per_box,%.3f%n", seconds(t) / boxes);
        } finally {
            pool.shutdown();
        }
        out.flush();
        return 0;
    }

    /** The statistics the issue compares with 21cmFAST: CSV rows z,quantity,k,mean,sd. */
    private int fiducial(Box box) {
        PrintWriter out = spec.commandLine().getOut();
        Fft3.setThreads(fftThreads);
        CoevalSimulator simulator = new CoevalSimulator(box, ReionCosmology.fiducial(), 3, true);
        double[] k = simulator.spectrum().centres();
        int nz = fiducialRedshifts.length;
        double[][][] values = new double[nz][k.length + 2][fiducialSeeds];
        for (int seed = 1; seed <= fiducialSeeds; seed++) {
            CoevalSimulator.InitialConditions ic = simulator.initialConditions(seed);
            for (int iz = 0; iz < nz; iz++) {
                PerturbedField field = simulator.perturb(ic, fiducialRedshifts[iz]);
                CoevalSimulator.Coeval coeval = simulator.ionize(field, AstroParams.fiducial(), 1000L * seed + iz);
                double[] d2 = simulator.delta2(coeval.brightnessTemperature());
                values[iz][0][seed - 1] = coeval.meanNeutralFraction();
                values[iz][1][seed - 1] = coeval.meanBrightnessTemperature();
                for (int b = 0; b < k.length; b++) {
                    values[iz][b + 2][seed - 1] = d2[b];
                }
            }
        }
        out.printf(Locale.ROOT, "# fiducial point (HII_EFF_FACTOR 30, ION_Tvir_MIN 4.7, R_BUBBLE_MAX 15), %d^3 cells, %.0f Mpc, seeds 1..%d%n",
                box.n(), box.length(), fiducialSeeds);
        out.println("z,quantity,k_per_mpc,mean,sd");
        for (int iz = 0; iz < nz; iz++) {
            for (int q = 0; q < k.length + 2; q++) {
                String name = q == 0 ? "x_HI" : q == 1 ? "mean_Tb_mK" : "Delta2_mK2";
                String kText = q < 2 ? "" : String.format(Locale.ROOT, "%.4f", k[q - 2]);
                out.printf(Locale.ROOT, "%.2f,%s,%s,%.5g,%.3g%n", fiducialRedshifts[iz], name, kText, mean(values[iz][q]), sd(values[iz][q]));
            }
        }
        out.flush();
        return 0;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double sd(double[] v) {
        double m = mean(v);
        return v.length < 2 ? 0 : Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }

    private PerturbedField fullBox(CoevalSimulator simulator, long seed) {
        PerturbedField field = simulator.perturb(simulator.initialConditions(seed), redshift);
        CoevalSimulator.Coeval coeval = simulator.ionize(field, AstroParams.fiducial(), seed);
        simulator.delta2(coeval.brightnessTemperature());
        return field;
    }

    // CPU time of the whole JVM (all threads, the JIT compiler's included): the figure that load does not inflate
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }
}
