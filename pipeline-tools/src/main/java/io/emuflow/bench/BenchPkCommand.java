package io.emuflow.bench;

import io.emuflow.cosmology.Background;
import io.emuflow.cosmology.CalibratedCorrection;
import io.emuflow.cosmology.CosmologyParams;
import io.emuflow.cosmology.Halofit;
import io.emuflow.cosmology.LinearModel;
import io.emuflow.cosmology.MatterPowerSpectrum;
import io.emuflow.cosmology.TabulatedSpectrum;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        description = "CPU time per cosmology of the power spectrum simulator (5 z x 200 k, linear + Halofit), one thread; "
                + "with --accuracy, the per-cosmology accuracy table against CLASS instead.")
public final class BenchPkCommand implements Callable<Integer> {
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

    @Option(names = "--accuracy", description = "folder with CLASS's pk_public.csv and cosmologies_public.csv: print the accuracy table")
    Path classDir;

    @Override
    public Integer call() throws IOException {
        if (classDir != null) {
            accuracy(spec.commandLine().getOut());
            return 0;
        }
        if (cosmologies < 1 || warmup < 0) {
            throw new IllegalArgumentException("--cosmologies must be >= 1 and --warmup >= 0");
        }
        LinearModel model = LinearModel.named(linearModel);
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

    /** Relative errors over 1e-3 <= k <= 5/Mpc. */
    private static final class Errors {
        private double sumSquares;
        private double max;
        private int n;

        void add(double model, double reference, double k) {
            if (k >= 1e-3) {
                double e = model / reference - 1;
                sumSquares += e * e;
                max = Math.max(max, Math.abs(e));
                n++;
            }
        }

        String pct() {
            return String.format(Locale.ROOT, "%.3f / %.3f", 100 * Math.sqrt(sumSquares / n), 100 * max);
        }
    }

    /** The accuracy table of docs/accuracy.md: every model and check against CLASS, per cosmology. */
    private void accuracy(PrintWriter out) throws IOException {
        Map<Integer, List<double[]>> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(classDir.resolve("pk_public.csv"));
        for (String line : lines.subList(1, lines.size())) {
            double[] r = Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
            rows.computeIfAbsent((int) r[0], id -> new ArrayList<>()).add(r);
        }
        Map<Integer, Double> sigma8 = new LinkedHashMap<>();
        List<String> table = Files.readAllLines(classDir.resolve("cosmologies_public.csv"));
        for (String line : table.subList(1, table.size())) {
            String[] cells = line.split(",");
            sigma8.put(Integer.parseInt(cells[0]), Double.parseDouble(cells[6]));
        }
        List<CalibratedCorrection.Sample> samples = CalibratedCorrection.bundledSamples();
        out.println("| id | P_lin RMS / max % | P_nl RMS / max % | sigma8 (CLASS) | sigma8 error % | leave-one-out P_lin RMS / max %"
                + " | leave-one-out P_nl RMS / max % | Halofit on CLASS P_lin: max % z<=2, z=3 | EH98 alone P_lin % | syren-new P_lin % |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Map.Entry<Integer, List<double[]>> entry : rows.entrySet()) {
            int id = entry.getKey();
            double[] first = entry.getValue().get(0);
            CosmologyParams p = CosmologyParams.lcdm(first[1], first[2], first[3], first[4], first[5]);
            MatterPowerSpectrum full = MatterPowerSpectrum.create(p, LinearModel.CORRECTED);
            MatterPowerSpectrum eh = MatterPowerSpectrum.create(p, LinearModel.EH_WIGGLE);
            MatterPowerSpectrum syren = MatterPowerSpectrum.create(p, LinearModel.SYREN_NEW);
            List<CalibratedCorrection.Sample> others = new ArrayList<>();
            for (CalibratedCorrection.Sample s : samples) {
                if (!s.params().equals(p)) {
                    others.add(s);
                }
            }
            if (others.size() != samples.size() - 1) {
                throw new IllegalStateException("cosmology " + id + " is not among the calibration spectra");
            }
            MatterPowerSpectrum loo = MatterPowerSpectrum.create(p, CalibratedCorrection.fit(others));
            Errors lin = new Errors();
            Errors nl = new Errors();
            Errors looLin = new Errors();
            Errors looNl = new Errors();
            Errors ehLin = new Errors();
            Errors syrenLin = new Errors();
            double halofitLow = 0;
            double halofitHigh = 0;
            Map<Double, List<double[]>> byZ = new LinkedHashMap<>();
            for (double[] r : entry.getValue()) {
                byZ.computeIfAbsent(r[6], z -> new ArrayList<>()).add(r);
            }
            for (Map.Entry<Double, List<double[]>> zRows : byZ.entrySet()) {
                double z = zRows.getKey();
                double[] k = zRows.getValue().stream().mapToDouble(r -> r[7]).toArray();
                double[] classLin = zRows.getValue().stream().mapToDouble(r -> r[8]).toArray();
                double[] classNl = zRows.getValue().stream().mapToDouble(r -> r[9]).toArray();
                double[][] f = full.linearAndNonlinear(k, z);
                double[][] l = loo.linearAndNonlinear(k, z);
                double[] e = eh.linear(k, z);
                double[] sy = syren.linear(k, z);
                double a = 1 / (1 + z);
                Background bg = full.background();
                Halofit halofit = Halofit.of(new TabulatedSpectrum(k, classLin, full::linearToday), bg.omegaM(a), bg.omegaDe(a), bg.w(a));
                double[] fed = halofit.nonlinearPower(k, classLin);
                for (int i = 0; i < k.length; i++) {
                    lin.add(f[0][i], classLin[i], k[i]);
                    nl.add(f[1][i], classNl[i], k[i]);
                    looLin.add(l[0][i], classLin[i], k[i]);
                    looNl.add(l[1][i], classNl[i], k[i]);
                    ehLin.add(e[i], classLin[i], k[i]);
                    syrenLin.add(sy[i], classLin[i], k[i]);
                    double err = Math.abs(fed[i] / classNl[i] - 1);
                    if (z <= 2) {
                        halofitLow = Math.max(halofitLow, err);
                    } else {
                        halofitHigh = Math.max(halofitHigh, err);
                    }
                }
            }
            double s8 = full.sigma8();
            out.printf(Locale.ROOT, "| %d | %s | %s | %.5f (%.6f) | %+.3f | %s | %s | %.3f, %.3f | %s | %s |%n", id, lin.pct(), nl.pct(), s8,
                    sigma8.get(id), 100 * (s8 / sigma8.get(id) - 1), looLin.pct(), looNl.pct(), 100 * halofitLow, 100 * halofitHigh,
                    ehLin.pct(), syrenLin.pct());
        }
        out.flush();
    }
}
