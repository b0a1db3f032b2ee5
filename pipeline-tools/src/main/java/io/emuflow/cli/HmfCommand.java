package io.emuflow.cli;

import io.emuflow.halomodel.Halos;
import io.emuflow.halomodel.HaloModelSettings;
import io.emuflow.halomodel.LinearTheory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Halo mass function and halo bias of one cosmology at given masses and redshifts. */
@Command(name = "hmf", mixinStandardHelpOptions = true,
        description = "Halo mass function and bias. Output CSV: z,M,dn_dlog10M,bias (M in M_sun, dn/dlog10M in Mpc^-3).")
final class HmfCommand implements Callable<Integer> {
    @Option(names = "--param", description = "NAME=VALUE, repeated: Omega_m or Omega_c, Omega_b, h, sigma_8, n_s")
    List<String> pairs = new ArrayList<>();

    @Option(names = "--params-csv", description = "CSV with a header row of parameter names (one row)")
    Path paramsCsv;

    @Option(names = "--z", split = ",", defaultValue = "0", description = "redshifts, comma-separated (default: ${DEFAULT-VALUE})")
    List<Double> redshifts;

    @Option(names = "--masses-file", required = true, description = "halo masses in M_sun (no h), one a line")
    Path massesFile;

    @Option(names = "--mass-function", defaultValue = "tinker08", description = "sheth-tormen, tinker08 (default), watson13, bhattacharya11")
    String massFunction;

    @Option(names = "--bias", defaultValue = "tinker10", description = "sheth-tormen, sheth-mo-tormen01, tinker10 (default), bhattacharya11")
    String bias;

    @Option(names = "--mass-definition", defaultValue = "200m", description = "vir, 200m (default), 200c, fof")
    String massDefinition;

    @Option(names = "--out", defaultValue = "-", description = "FILE.csv, or - for stdout (default)")
    String out;

    @Override
    public Integer call() throws IOException {
        HaloModelSettings settings = HaloModelCommand.settings(massFunction, bias, "duffy08", massDefinition, null);
        Map<Long, Map<String, Double>> sets = ParameterInputs.parameterSets(pairs, paramsCsv);
        if (sets.size() != 1) {
            throw new IllegalArgumentException("hmf takes one cosmology, got " + sets.size());
        }
        LinearTheory linear = linear(sets.values().iterator().next());
        double[] masses = ParameterInputs.positiveValues(massesFile, "M");
        double h = linear.h();
        for (double m : masses) {
            if (!(m * h >= 1e4 && m * h <= 1e18)) {
                throw new IllegalArgumentException("halo mass M = " + m + " M_sun is outside [1e4, 1e18] M_sun/h");
            }
        }
        List<Halos> epochs = new ArrayList<>();
        for (double z : redshifts) {
            if (!(z >= 0 && z <= 6)) {
                throw new IllegalArgumentException("--z " + z + " is outside [0, 6]");
            }
            epochs.add(new Halos(linear, z, settings.withGrid(settings.log10MMin(), settings.log10MMax(), 10)));
        }
        ParameterInputs.output(out, writer -> {
            writer.write("z,M,dn_dlog10M,bias\n");
            for (int zi = 0; zi < epochs.size(); zi++) {
                for (double m : masses) {
                    Halos halos = epochs.get(zi);
                    writer.write(redshifts.get(zi) + "," + m + "," + halos.dndlog10m(m * h) * h * h * h + "," + halos.bias(m * h) + "\n");
                }
            }
        });
        return 0;
    }

    /** The cosmology of the halo-model parameters (HOD names are not accepted here). */
    static LinearTheory linear(Map<String, Double> values) {
        Map<String, Double> map = new HashMap<>(values);
        List<String> known = List.of("Omega_m", "Omega_c", "Omega_b", "h", "sigma_8", "n_s");
        for (String name : map.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown cosmological parameter '" + name + "' (known: " + known + ")");
            }
        }
        for (String name : List.of("Omega_b", "h", "sigma_8", "n_s")) {
            if (!map.containsKey(name)) {
                throw new IllegalArgumentException("missing cosmological parameter '" + name + "'");
            }
        }
        if (map.containsKey("Omega_m") == map.containsKey("Omega_c")) {
            throw new IllegalArgumentException("give exactly one of Omega_m and Omega_c");
        }
        double omegaM = map.containsKey("Omega_m") ? map.get("Omega_m") : map.get("Omega_c") + map.get("Omega_b");
        return new LinearTheory(omegaM, map.get("Omega_b"), map.get("h"), map.get("sigma_8"), map.get("n_s"),
                io.emuflow.halomodel.HaloModelPoint.T_CMB);
    }
}
