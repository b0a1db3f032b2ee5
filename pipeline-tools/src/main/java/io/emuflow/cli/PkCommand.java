package io.emuflow.cli;

import io.emuflow.cosmology.CalibratedCorrection;
import io.emuflow.cosmology.CosmologyParams;
import io.emuflow.cosmology.LinearModel;
import io.emuflow.cosmology.MatterPowerSpectrum;
import io.emuflow.data.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Linear and Halofit matter power spectra for cosmologies given as flags or as a CSV file. */
@Command(name = "pk", mixinStandardHelpOptions = true,
        description = "Matter power spectrum (linear and Halofit) for given cosmologies. Output CSV: id,z,k,P_lin,P_nl "
                + "(k in 1/Mpc, P in Mpc^3).")
final class PkCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(PkCommand.class);
    static final double MAX_REDSHIFT = 20;
    static final double K_LOWEST = 1e-5;
    static final double K_HIGHEST = 1e3;

    @Option(names = "--param", description = "NAME=VALUE, repeated: H0, omega_b, omega_c, ln10As, n_s; optionally w0, wa, Omega_k")
    List<String> pairs = new ArrayList<>();

    @Option(names = "--params-csv", description = "CSV with a header row of parameter names and optionally id")
    Path paramsCsv;

    @Option(names = "--z", split = ",", defaultValue = "0", description = "redshifts, comma-separated (default: ${DEFAULT-VALUE})")
    List<Double> redshifts;

    @Option(names = "--k-file", description = "wavenumbers in 1/Mpc, one a line")
    Path kFile;

    @Option(names = "--kmin", description = "smallest k in 1/Mpc (default 1e-4)")
    Double kMin;

    @Option(names = "--kmax", description = "largest k in 1/Mpc (default 5)")
    Double kMax;

    @Option(names = "--nk", description = "number of log-spaced k values (default 200)")
    Integer nK;

    @Option(names = "--linear-model", defaultValue = "corrected",
            description = "corrected (default), eisenstein-hu, eisenstein-hu-no-wiggle or syren-new")
    String linearModel;

    @Option(names = "--out", defaultValue = "-", description = "FILE.csv, or - for stdout (default)")
    String out;

    @Override
    public Integer call() throws IOException {
        LinearModel model = LinearModel.named(linearModel);
        Map<Long, CosmologyParams> cosmologies = cosmologies();
        for (double z : redshifts) {
            if (!(z >= 0 && z <= MAX_REDSHIFT)) {
                throw new IllegalArgumentException("--z " + z + " is outside [0, " + MAX_REDSHIFT + "]");
            }
        }
        double[] k = wavenumbers();
        if (model == LinearModel.CORRECTED) {
            CalibratedCorrection calibration = CalibratedCorrection.bundled();
            long outside = cosmologies.values().stream().filter(p -> !calibration.covers(p)).count();
            if (outside > 0) {
                LOG.warn("{} of {} cosmologies lie outside the box the linear correction is calibrated on ({}): there the correction"
                        + " of the nearest calibrated point is used and the accuracy against CLASS is not measured",
                        outside, cosmologies.size(), calibration.box());
            }
        }
        if (out.equals("-")) {
            Writer writer = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            write(writer, cosmologies, k, model);
            writer.flush();
        } else {
            AtomicFiles.write(Path.of(out), temporary -> {
                try (Writer writer = Files.newBufferedWriter(temporary)) {
                    write(writer, cosmologies, k, model);
                }
            });
        }
        return 0;
    }

    private void write(Writer writer, Map<Long, CosmologyParams> cosmologies, double[] k, LinearModel model) throws IOException {
        writer.write("id,z,k,P_lin,P_nl\n");
        for (Map.Entry<Long, CosmologyParams> entry : cosmologies.entrySet()) {
            MatterPowerSpectrum spectrum = MatterPowerSpectrum.create(entry.getValue(), model);
            for (double z : redshifts) {
                double[][] both = spectrum.linearAndNonlinear(k, z);
                double[] linear = both[0];
                double[] nonlinear = both[1];
                for (int i = 0; i < k.length; i++) {
                    writer.write(entry.getKey() + "," + z + "," + k[i] + "," + linear[i] + "," + nonlinear[i] + "\n");
                }
            }
        }
    }

    /** The cosmologies by id, from --param pairs or a CSV (parsed as the halo-model commands parse theirs). */
    private Map<Long, CosmologyParams> cosmologies() {
        Map<Long, CosmologyParams> out = new LinkedHashMap<>();
        for (Map.Entry<Long, Map<String, Double>> set : ParameterInputs.parameterSets(pairs, paramsCsv).entrySet()) {
            try {
                out.put(set.getKey(), CosmologyParams.fromMap(set.getValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException((paramsCsv == null ? "" : paramsCsv + " id " + set.getKey() + ": ") + e.getMessage(), e);
            }
        }
        return out;
    }

    private double[] wavenumbers() throws IOException {
        double[] k;
        if (kFile != null) {
            if (kMin != null || kMax != null || nK != null) {
                throw new IllegalArgumentException("give either --k-file or --kmin/--kmax/--nk, not both");
            }
            k = ParameterInputs.positiveValues(kFile, "k");
        } else {
            double lo = kMin == null ? 1e-4 : kMin;
            double hi = kMax == null ? 5 : kMax;
            int n = nK == null ? 200 : nK;
            if (!(lo > 0 && hi > lo && n >= 2)) {
                throw new IllegalArgumentException("need 0 < --kmin < --kmax and --nk >= 2, got " + lo + ", " + hi + ", " + n);
            }
            k = new double[n];
            for (int i = 0; i < n; i++) {
                k[i] = Math.pow(10, Math.log10(lo) + i * (Math.log10(hi) - Math.log10(lo)) / (n - 1));
            }
            k[0] = lo;
            k[n - 1] = hi;
        }
        for (double v : k) {
            if (!(v >= K_LOWEST && v <= K_HIGHEST)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "k = %g 1/Mpc is outside [%g, %g]", v, K_LOWEST, K_HIGHEST));
            }
        }
        return k;
    }
}
