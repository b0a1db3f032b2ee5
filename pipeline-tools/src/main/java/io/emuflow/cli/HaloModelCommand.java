package io.emuflow.cli;

import io.emuflow.halomodel.BiasModel;
import io.emuflow.halomodel.CollapseThreshold;
import io.emuflow.halomodel.ConcentrationModel;
import io.emuflow.halomodel.HaloModelPoint;
import io.emuflow.halomodel.HaloModelSettings;
import io.emuflow.halomodel.MassDefinition;
import io.emuflow.halomodel.MassFunctionModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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







    @Mixin
    SpectrumGridOptions grid;

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


    @Override
    public Integer call() throws IOException {
        HaloModelSettings settings = settings(massFunction, bias, concentration, massDefinition, massBins);
        Map<Long, HaloModelPoint> points = new LinkedHashMap<>();
        for (Map.Entry<Long, Map<String, Double>> e : ParameterInputs.parameterSets(pairs, grid.paramsCsv).entrySet()) {
            try {
                HaloModelPoint point = HaloModelPoint.fromMap(e.getValue());
                point.linear();
                points.put(e.getKey(), point);
            } catch (IllegalArgumentException error) {
                throw new IllegalArgumentException((grid.paramsCsv == null ? "" : "id " + e.getKey() + ": ") + error.getMessage(), error);
            }
        }
        List<Double> redshifts = grid.redshifts(6);
        double[] k = grid.wavenumbers(1e-3, 10, 50);
        ParameterInputs.output(grid.out, writer -> {
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
}
