package io.emuflow.cli;

import io.emuflow.cosmology.CalibratedCorrection;
import io.emuflow.cosmology.CosmologyParams;
import io.emuflow.cosmology.LinearModel;
import io.emuflow.cosmology.MatterPowerSpectrum;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Linear and Halofit matter power spectra for cosmologies given as flags or as a CSV file. */
@Command(name = "pk", mixinStandardHelpOptions = true,
        description = "Matter power spectrum (linear and Halofit) for given cosmologies. Output CSV: id,z,k,P_lin,P_nl "
                + "(k in 1/Mpc, P in Mpc^3).")
final class PkCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(PkCommand.class);
    static final double MAX_REDSHIFT = 20;

    @Option(names = "--param", description = "NAME=VALUE, repeated: H0, omega_b, omega_c, ln10As, n_s; optionally w0, wa, Omega_k")
    List<String> pairs = new ArrayList<>();







    @Mixin
    SpectrumGridOptions grid;

    @Option(names = "--linear-model", defaultValue = "corrected",
            description = "corrected (default), eisenstein-hu, eisenstein-hu-no-wiggle or syren-new")
    String linearModel;


    @Override
    public Integer call() throws IOException {
        LinearModel model = LinearModel.named(linearModel);
        Map<Long, CosmologyParams> cosmologies = cosmologies();
        List<Double> redshifts = grid.redshifts(MAX_REDSHIFT);
        double[] k = grid.wavenumbers(1e-4, 5, 200);
        if (model == LinearModel.CORRECTED) {
            CalibratedCorrection calibration = CalibratedCorrection.bundled();
            long outside = cosmologies.values().stream().filter(p -> !calibration.covers(p)).count();
            if (outside > 0) {
                LOG.warn("{} of {} cosmologies lie outside the box the linear correction is calibrated on ({}): there the correction"
                        + " of the nearest calibrated point is used and the accuracy against CLASS is not measured",
                        outside, cosmologies.size(), calibration.box());
            }
        }
        ParameterInputs.output(grid.out, writer -> write(writer, cosmologies, redshifts, k, model));
        return 0;
    }

    private static void write(Writer writer, Map<Long, CosmologyParams> cosmologies, List<Double> redshifts, double[] k, LinearModel model)
            throws IOException {
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
        for (Map.Entry<Long, Map<String, Double>> set : ParameterInputs.parameterSets(pairs, grid.paramsCsv).entrySet()) {
            try {
                out.put(set.getKey(), CosmologyParams.fromMap(set.getValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException((grid.paramsCsv == null ? "" : grid.paramsCsv + " id " + set.getKey() + ": ") + e.getMessage(), e);
            }
        }
        return out;
    }
}
