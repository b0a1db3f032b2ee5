package io.emuflow.cli;

import io.emuflow.cosmology.CosmologyParams;
import io.emuflow.cosmology.LinearModel;
import io.emuflow.cosmology.MatterPowerSpectrum;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmark of the matter power spectrum simulator: CPU time of one cosmology with 5 redshifts x 200 k values,
 * linear and nonlinear (what one `halofit` sample costs, times five), on one thread.
 */
@Command(name = "bench-pk", mixinStandardHelpOptions = true,
        description = "CPU time per cosmology of the power spectrum simulator (5 z x 200 k, linear + Halofit), one thread.")
final class BenchPkCommand implements Callable<Integer> {
    private static final double[] REDSHIFTS = {0, 0.5, 1, 2, 3};

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--cosmologies", defaultValue = "2000", description = "timed cosmologies (default: ${DEFAULT-VALUE})")
    int cosmologies;

    @Option(names = "--warmup", defaultValue = "2000", description = "untimed cosmologies first, for the JIT (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--linear-model", defaultValue = "corrected", description = "linear model (default: ${DEFAULT-VALUE})")
    String linearModel;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the random cosmologies (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        if (cosmologies < 1 || warmup < 0) {
            throw new IllegalArgumentException("--cosmologies must be >= 1 and --warmup >= 0");
        }
        LinearModel model = PkCommand.linearModel(linearModel);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        double[] k = new double[200];
        for (int i = 0; i < k.length; i++) {
            k[i] = Math.pow(10, -4 + i * (Math.log10(5) + 4) / 199);
        }
        Random random = new Random(seed);
        double checksum = 0;
        for (int i = 0; i < warmup; i++) {
            checksum += run(randomCosmology(random), model, k);
        }
        double[] totalMs = new double[cosmologies];
        double[] createMs = new double[cosmologies];
        for (int i = 0; i < cosmologies; i++) {
            CosmologyParams p = randomCosmology(random);
            long start = threads.getCurrentThreadCpuTime();
            MatterPowerSpectrum spectrum = MatterPowerSpectrum.create(p, model);
            long created = threads.getCurrentThreadCpuTime();
            for (double z : REDSHIFTS) {
                checksum += spectrum.linearAndNonlinear(k, z)[1][100];
            }
            long end = threads.getCurrentThreadCpuTime();
            totalMs[i] = (end - start) / 1e6;
            createMs[i] = (created - start) / 1e6;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "bench-pk: %d cosmologies (after %d warm-up), 5 z x 200 k, linear + nonlinear, model %s, one thread%n",
                cosmologies, warmup, linearModel);
        out.printf(Locale.ROOT, "CPU ms per cosmology: median %.3f  mean %.3f  p10 %.3f  p90 %.3f%n",
                percentile(totalMs, 50), mean(totalMs), percentile(totalMs, 10), percentile(totalMs, 90));
        out.printf(Locale.ROOT, "  of which set-up (background, growth ODE, transfer, Halofit grid): median %.3f ms%n", percentile(createMs, 50));
        out.printf(Locale.ROOT, "  checksum %.6e%n", checksum);
        out.flush();
        return 0;
    }

    private static double run(CosmologyParams p, LinearModel model, double[] k) {
        MatterPowerSpectrum spectrum = MatterPowerSpectrum.create(p, model);
        double sum = 0;
        for (double z : REDSHIFTS) {
            sum += spectrum.linearAndNonlinear(k, z)[1][100];
        }
        return sum;
    }

    /** A cosmology drawn uniformly from the box of the public CLASS reference set. */
    private static CosmologyParams randomCosmology(Random random) {
        return CosmologyParams.lcdm(60 + 20 * random.nextDouble(), 0.019 + 0.006 * random.nextDouble(), 0.10 + 0.04 * random.nextDouble(),
                2.7 + 0.6 * random.nextDouble(), 0.90 + 0.12 * random.nextDouble());
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p / 100 * (sorted.length - 1)))];
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }
}
