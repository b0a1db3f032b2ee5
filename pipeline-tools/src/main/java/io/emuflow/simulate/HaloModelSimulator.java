package io.emuflow.simulate;

import io.emuflow.data.Parameter;
import io.emuflow.halomodel.BiasModel;
import io.emuflow.halomodel.CollapseThreshold;
import io.emuflow.halomodel.ConcentrationModel;
import io.emuflow.halomodel.HaloModel;
import io.emuflow.halomodel.HaloModelPoint;
import io.emuflow.halomodel.HaloModelSettings;
import io.emuflow.halomodel.MassDefinition;
import io.emuflow.halomodel.MassFunctionModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Halo-model spectra with an HOD (package io.emuflow.halomodel): P_lin and P_mm, P_gm, P_gg with their 1- and
 * 2-halo terms on log-spaced k in 1/Mpc (default 50 values from 1e-3 to 10 1/Mpc), at the redshift z of the settings
 * (or of the sample, when the study samples z). A point whose spectra are not all positive and finite becomes a NaN row,
 * which the clean step removes and counts.
 */
final class HaloModelSimulator implements Simulator {
    private static final List<String> OPTIONAL = List.of("z");

    private final double[] k;
    private final double redshift;
    private final HaloModelSettings model;
    private final Map<String, Object> resolved;

    HaloModelSimulator(Map<String, Object> settingsMap) {
        Settings settings = new Settings("simulator halomodel", settingsMap, Set.of("k_min", "k_max", "n_k", "z", "mass_function", "bias",
                "concentration", "mass_definition", "mass_bins"));
        double kMin = settings.number("k_min", 1e-3);
        double kMax = settings.number("k_max", 10);
        int nK = settings.integer("n_k", 50);
        if (!(kMin >= 1e-5) || !(kMax > kMin) || kMax > 100 || nK < 2) {
            throw new IllegalArgumentException("simulator halomodel: need 1e-5 <= k_min < k_max <= 100 (1/Mpc) and n_k >= 2, got k_min="
                    + kMin + ", k_max=" + kMax + ", n_k=" + nK);
        }
        redshift = settings.number("z", 0);
        if (!(redshift >= 0 && redshift <= 6)) {
            throw new IllegalArgumentException("simulator halomodel: z = " + redshift + " is outside [0, 6]");
        }
        HaloModelSettings defaults = HaloModelSettings.defaults();
        model = new HaloModelSettings(MassFunctionModel.parse(settings.text("mass_function", defaults.massFunction().label())),
                BiasModel.parse(settings.text("bias", defaults.bias().label())),
                ConcentrationModel.parse(settings.text("concentration", defaults.concentration().label())),
                MassDefinition.parse(settings.text("mass_definition", defaults.massDefinition().label())), CollapseThreshold.NAKAMURA_SUTO,
                defaults.log10MMin(), defaults.log10MMax(), settings.integer("mass_bins", defaults.bins()));
        k = PowerSpectrumSimulator.logSpace(kMin, kMax, nK);
        resolved = settings.resolved();
    }

    @Override
    public String name() {
        return "halomodel";
    }

    @Override
    public List<String> requiredParameters() {
        return HaloModelPoint.NAMES;
    }

    @Override
    public List<String> optionalParameters() {
        return OPTIONAL;
    }

    /** Every corner of the box must be a valid point (cosmology and HOD ranges); z in [0, 6]. */
    @Override
    public void checkRanges(List<Parameter> parameters) {
        List<String> names = new ArrayList<>();
        for (Parameter p : parameters) {
            names.add(p.name());
            if (p.name().equals("z") && (p.lower() < 0 || p.upper() > 6)) {
                throw new IllegalArgumentException("parameter z has range [" + p.lower() + ", " + p.upper() + "]: need [0, 6]");
            }
        }
        java.util.Set<List<Double>> cosmologies = new java.util.HashSet<>();
        for (int c = 0; c < (1 << parameters.size()); c++) {
            double[] values = new double[parameters.size()];
            for (int j = 0; j < values.length; j++) {
                Parameter p = parameters.get(j);
                values[j] = ((c >> j) & 1) == 0 ? p.lower() : p.upper();
            }
            try {
                HaloModelPoint point = point(names, values);
                if (cosmologies.add(List.of(point.omegaM(), point.omegaB(), point.h(), point.sigma8(), point.nS()))) {
                    point.linear();
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the study's parameter box contains an unphysical point: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public double[] grid() {
        return k.clone();
    }

    @Override
    public String gridUnits() {
        return "1/Mpc";
    }

    @Override
    public List<TargetSpec> targets() {
        List<TargetSpec> out = new ArrayList<>();
        for (String name : HaloModel.NAMES) {
            out.add(new TargetSpec(name, "Mpc^3"));
        }
        return out;
    }

    @Override
    public Map<String, Object> resolvedSettings() {
        return resolved;
    }

    @Override
    public double[][] simulate(List<String> names, double[] values) {
        int zi = names.indexOf("z");
        double z = zi < 0 ? redshift : values[zi];
        double[][] out = point(names, values).spectra(k, z, model);
        for (double[] row : out) {
            for (double v : row) {
                if (!(v > 0 && Double.isFinite(v))) {
                    for (double[] r : out) {
                        java.util.Arrays.fill(r, Double.NaN);
                    }
                    return out;
                }
            }
        }
        return out;
    }

    private static HaloModelPoint point(List<String> names, double[] values) {
        Map<String, Double> map = new HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            if (!names.get(j).equals("z")) {
                map.put(names.get(j), values[j]);
            }
        }
        return HaloModelPoint.fromMap(map);
    }
}
