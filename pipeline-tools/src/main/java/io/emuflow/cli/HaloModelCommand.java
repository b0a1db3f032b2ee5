package io.emuflow.cli;

import io.emuflow.halomodel.BiasModel;
import io.emuflow.halomodel.CollapseThreshold;
import io.emuflow.halomodel.ConcentrationModel;
import io.emuflow.halomodel.HaloModelPoint;
import io.emuflow.halomodel.HaloModelSettings;
import io.emuflow.halomodel.MassDefinition;
import io.emuflow.halomodel.MassFunctionModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Halo-model matter, galaxy-matter and galaxy-galaxy spectra with an HOD, for points given as flags or a CSV. */
@Command(name = "halomodel", mixinStandardHelpOptions = true,
        description = "Halo-model power spectra with an HOD. Output CSV: id,z,k,P_lin,P_mm_1h,P_mm_2h,P_mm,P_gm_1h,P_gm_2h,P_gm,"
                + "P_gg_1h,P_gg_2h,P_gg (k in 1/Mpc, P in Mpc^3).")
final class HaloModelCommand implements Callable<Integer> {
    static final String HEADER = "id,z,k,P_lin,P_mm_1h,P_mm_2h,P_mm,P_gm_1h,P_gm_2h,P_gm,P_gg_1h,P_gg_2h,P_gg";

    @Option(names = "--param", description = "NAME=VALUE, repeated: Omega_m or Omega_c, Omega_b, h, sigma_8, n_s, alpha, sigma, "
            + "M_th (or log10_M_th), M_prime (or log10_M_prime), beta; masses in M_sun/h")
    List<String> pairs = new ArrayList<>();

    @Option(names = "--params-csv", description = "CSV with a header row of parameter names and optionally id")
    Path paramsCsv;

    @Option(names = "--z", split = ",", defaultValue = "0", description = "redshifts, comma-separated (default: ${DEFAULT-VALUE})")
    List<Double> redshifts;

    @Option(names = "--k-file", description = "wavenumbers in 1/Mpc, one a line")
    Path kFile;

    @Option(names = "--kmin", description = "smallest k in 1/Mpc (default 1e-3)")
    Double kMin;

    @Option(names = "--kmax", description = "largest k in 1/Mpc (default 10)")
    Double kMax;

    @Option(names = "--nk", description = "number of log-spaced k values (default 50)")
    Integer nK;

    @Option(names = "--mass-function", defaultValue = "tinker08", description = "sheth-tormen, tinker08 (default), watson13, bhattacharya11")
    String massFunction;

    @Option(names = "--bias", defaultValue = "tinker10", description = "sheth-tormen, sheth-mo-tormen01, tinker10 (default), bhattacharya11")
    String bias;

    @Option(names = "--concentration", defaultValue = "duffy08", description = "duffy08 (default), bhattacharya13")
    String concentration;

    @Option(names = "--mass-definition", defaultValue = "200m", description = "vir, 200m (default), 200c, fof")
    String massDefinition;

    @Option(names = "--mass-bins", description = "log-spaced mass bins from 1e6 to 1e17 M_sun/h (default 150)")
    Integer massBins;

    @Option(names = "--out", defaultValue = "-", description = "FILE.csv, or - for stdout (default)")
    String out;

    @Override
    public Integer call() throws IOException {
        HaloModelSettings settings = settings(massFunction, bias, concentration, massDefinition, massBins);
        Map<Long, HaloModelPoint> points = new LinkedHashMap<>();
        for (Map.Entry<Long, Map<String, Double>> e : ParameterInputs.parameterSets(pairs, paramsCsv).entrySet()) {
            try {
                HaloModelPoint point = HaloModelPoint.fromMap(e.getValue());
                point.linear();
                points.put(e.getKey(), point);
            } catch (IllegalArgumentException error) {
                throw new IllegalArgumentException((paramsCsv == null ? "" : "id " + e.getKey() + ": ") + error.getMessage(), error);
            }
        }
        for (double z : redshifts) {
            if (!(z >= 0 && z <= 6)) {
                throw new IllegalArgumentException("--z " + z + " is outside [0, 6]");
            }
        }
        double[] k = wavenumbers();
        ParameterInputs.output(out, writer -> {
            writer.write(HEADER + "\n");
            for (Map.Entry<Long, HaloModelPoint> e : points.entrySet()) {
                for (double z : redshifts) {
                    double[][] s = e.getValue().spectra(k, z, settings);
                    for (int i = 0; i < k.length; i++) {
                        StringBuilder line = new StringBuilder().append(e.getKey()).append(',').append(z).append(',').append(k[i]);
                        for (double[] spectrum : s) {
                            line.append(',').append(spectrum[i]);
                        }
                        writer.write(line.append('\n').toString());
                    }
                }
            }
        });
        return 0;
    }

    static HaloModelSettings settings(String massFunction, String bias, String concentration, String massDefinition, Integer bins) {
        HaloModelSettings d = HaloModelSettings.defaults();
        return new HaloModelSettings(MassFunctionModel.parse(massFunction), BiasModel.parse(bias), ConcentrationModel.parse(concentration),
                MassDefinition.parse(massDefinition), CollapseThreshold.NAKAMURA_SUTO, d.log10MMin(), d.log10MMax(), bins == null ? d.bins() : bins);
    }

    private double[] wavenumbers() throws IOException {
        double[] k;
        if (kFile != null) {
            if (kMin != null || kMax != null || nK != null) {
                throw new IllegalArgumentException("give either --k-file or --kmin/--kmax/--nk, not both");
            }
            k = ParameterInputs.positiveValues(kFile, "k");
        } else {
            k = ParameterInputs.logSpace(kMin == null ? 1e-3 : kMin, kMax == null ? 10 : kMax, nK == null ? 50 : nK);
        }
        for (double v : k) {
            if (!(v >= 1e-5 && v <= 1e3)) {
                throw new IllegalArgumentException("k = " + v + " 1/Mpc is outside [1e-05, 1000]");
            }
        }
        return k;
    }
}
