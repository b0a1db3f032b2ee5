package io.emuflow.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options the user-facing spectrum commands share (`pk`, `halomodel`): parameter sets from a CSV, redshifts,
 * the k grid (a file, or a log-spaced range whose defaults each command gives) and the output file. A picocli
 * mixin: {@code @Mixin SpectrumGridOptions grid;}.
 */
final class SpectrumGridOptions {
    /** The widest k any spectrum command accepts, in 1/Mpc. */
    static final double K_LOWEST = 1e-5;
    static final double K_HIGHEST = 1e3;

    @Option(names = "--params-csv", description = "CSV with a header row of parameter names and optionally id")
    Path paramsCsv;

    @Option(names = "--z", split = ",", defaultValue = "0", description = "redshifts, comma-separated (default: ${DEFAULT-VALUE})")
    List<Double> redshifts;

    @Option(names = "--k-file", description = "wavenumbers in 1/Mpc, one a line")
    Path kFile;

    @Option(names = "--kmin", description = "smallest k in 1/Mpc (default: pk 1e-4, halomodel 1e-3)")
    Double kMin;

    @Option(names = "--kmax", description = "largest k in 1/Mpc (default: pk 5, halomodel 10)")
    Double kMax;

    @Option(names = "--nk", description = "number of log-spaced k values (default: pk 200, halomodel 50)")
    Integer nK;

    @Option(names = "--out", defaultValue = "-", description = "FILE.csv, or - for stdout (default)")
    String out;

    /** Every redshift within [0, maxRedshift], else a one-line error naming it. */
    List<Double> redshifts(double maxRedshift) {
        for (double z : redshifts) {
            if (!(z >= 0 && z <= maxRedshift)) {
                throw new IllegalArgumentException("--z " + z + " is outside [0, " + maxRedshift + "]");
            }
        }
        return redshifts;
    }

    /** The k grid: --k-file, or --kmin/--kmax/--nk with the command's defaults; every k within [1e-5, 1e3] 1/Mpc. */
    double[] wavenumbers(double defaultMin, double defaultMax, int defaultCount) throws IOException {
        double[] k;
        if (kFile != null) {
            if (kMin != null || kMax != null || nK != null) {
                throw new IllegalArgumentException("give either --k-file or --kmin/--kmax/--nk, not both");
            }
            k = ParameterInputs.positiveValues(kFile, "k");
        } else {
            k = ParameterInputs.logSpace(kMin == null ? defaultMin : kMin, kMax == null ? defaultMax : kMax, nK == null ? defaultCount : nK);
        }
        for (double v : k) {
            if (!(v >= K_LOWEST && v <= K_HIGHEST)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "k = %g 1/Mpc is outside [%g, %g]", v, K_LOWEST, K_HIGHEST));
            }
        }
        return k;
    }
}
