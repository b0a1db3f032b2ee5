package io.emuflow.bench;

import io.emuflow.halomodel.HaloModelPoint;
import io.emuflow.halomodel.HaloModelSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmark of the halo-model simulator: CPU time of all ten spectra on the simulator's 50 k values for one parameter
 * point, on one thread, over random points of the halomodel-emulator study's box.
 */
@Command(name = "bench-halomodel", mixinStandardHelpOptions = true,
        description = "CPU time per parameter point of the halo model (10 spectra x 50 k, default settings), one thread.")
public final class BenchHaloModelCommand implements Callable<Integer> {
    /** The study's box: Omega_c, Omega_b, h, sigma_8, n_s, alpha, sigma, log10 M_th, log10 M', beta. */
    private static final double[][] BOX = {{0.1, 0.6}, {0.04, 0.06}, {0.64, 0.82}, {0.8, 1.0}, {0.84, 1.1}, {0, 1}, {0.01, 1}, {10, 15},
        {10, 17}, {0.1, 2}};

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--points", defaultValue = "500", description = "timed points (default: ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--warmup", defaultValue = "300", description = "untimed points first, for the JIT (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the random points (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        if (points < 1 || warmup < 0) {
            throw new IllegalArgumentException("--points must be >= 1 and --warmup >= 0");
        }
        double[] k = new double[50]; // 1e-3 to 10/Mpc, log-spaced, as `emuflow halomodel` by default
        for (int i = 0; i < k.length; i++) {
            k[i] = Math.pow(10, -3 + 4.0 * i / (k.length - 1));
        }
        HaloModelSettings settings = HaloModelSettings.defaults();
        Random random = new Random(seed);
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        double[] ms = new double[points];
        double checksum = 0;
        for (int i = 0; i < warmup + points; i++) {
            HaloModelPoint point = randomPoint(random);
            long start = bean.getCurrentThreadCpuTime();
            double[][] s = point.spectra(k, 0, settings);
            long cpu = bean.getCurrentThreadCpuTime() - start;
            checksum += s[9][25];
            if (i >= warmup) {
                ms[i - warmup] = cpu / 1e6;
            }
        }
        Arrays.sort(ms);
        double mean = Arrays.stream(ms).average().orElse(Double.NaN);
        spec.commandLine().getOut().println(String.format(Locale.ROOT,
                "halomodel: %d points, 10 spectra x 50 k, one thread: CPU ms per point mean %.3f, median %.3f, p90 %.3f (checksum %.6g)",
                points, mean, ms[points / 2], ms[(int) (0.9 * (points - 1))], checksum));
        return 0;
    }

    private static HaloModelPoint randomPoint(Random random) {
        double[] v = new double[BOX.length];
        for (int j = 0; j < v.length; j++) {
            v[j] = BOX[j][0] + random.nextDouble() * (BOX[j][1] - BOX[j][0]);
        }
        return HaloModelPoint.fromMap(Map.of("Omega_c", v[0], "Omega_b", v[1], "h", v[2], "sigma_8", v[3], "n_s", v[4], "alpha", v[5],
                "sigma", v[6], "log10_M_th", v[7], "log10_M_prime", v[8], "beta", v[9]));
    }
}
