package io.emuflow.simulate;

import io.emuflow.cosmology.CalibratedCorrection;
import io.emuflow.cosmology.CosmologyParams;
import io.emuflow.cosmology.LinearModel;
import io.emuflow.cosmology.MatterPowerSpectrum;
import io.emuflow.data.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The matter power spectrum at each sample's redshift: linear (Eisenstein & Hu 1998 with growth and the
 * Boltzmann-code correction of the cosmology package) and, for "halofit", nonlinear (Takahashi et al. 2012),
 * on a log-spaced k grid in 1/Mpc.
 */
final class PowerSpectrumSimulator implements Simulator {
    private static final Logger LOG = LoggerFactory.getLogger(PowerSpectrumSimulator.class);
    private static final List<String> REQUIRED = List.of("H0", "omega_b", "omega_c", "ln10As", "n_s", "z");
    private static final List<String> OPTIONAL = List.of("w0", "wa", "Omega_k");
    private static final double MAX_REDSHIFT = 20;

    private final String name;
    private final boolean nonlinear;
    private final double[] k;
    private final LinearModel linearModel;
    private final Map<String, Object> resolved;

    PowerSpectrumSimulator(String name, Map<String, Object> settingsMap, boolean nonlinear) {
        this.name = name;
        this.nonlinear = nonlinear;
        Settings settings = new Settings("simulator " + name, settingsMap, Set.of("k_min", "k_max", "n_k", "linear_model"));
        double kMin = settings.number("k_min", 1e-4);
        double kMax = settings.number("k_max", 5.0);
        int nK = settings.integer("n_k", 200);
        String model = settings.text("linear_model", "corrected");
        if (!(kMin > 0) || !(kMax > kMin) || nK < 2) {
            throw new IllegalArgumentException("simulator " + name + ": need 0 < k_min < k_max and n_k >= 2, got k_min="
                    + kMin + ", k_max=" + kMax + ", n_k=" + nK);
        }
        this.linearModel = switch (model) {
            case "corrected" -> LinearModel.CORRECTED;
            case "eisenstein-hu" -> LinearModel.EH_WIGGLE;
            case "eisenstein-hu-no-wiggle" -> LinearModel.EH_NO_WIGGLE;
            case "syren-new" -> LinearModel.SYREN_NEW;
            default -> throw new IllegalArgumentException("simulator " + name + ": linear_model '" + model
                    + "' is unknown (corrected, eisenstein-hu, eisenstein-hu-no-wiggle, syren-new)");
        };
        this.k = logSpace(kMin, kMax, nK);
        this.resolved = settings.resolved();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> requiredParameters() {
        return REQUIRED;
    }

    @Override
    public List<String> optionalParameters() {
        return OPTIONAL;
    }

    /** Every corner of the box must be a physical cosmology (CosmologyParams validates) and z in [0, 20]. */
    @Override
    public void checkRanges(List<Parameter> parameters) {
        boolean uncalibrated = false;
        for (CosmologyParams corner : CosmologyBox.checkedCorners(parameters, MAX_REDSHIFT)) {
            uncalibrated |= linearModel == LinearModel.CORRECTED && !CalibratedCorrection.bundled().covers(corner);
        }
        if (uncalibrated) {
            LOG.warn("simulator {}: the study's box reaches beyond the box the linear correction is calibrated on ({});"
                    + " there its accuracy against CLASS is not measured", name, CalibratedCorrection.bundled().box());
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
        List<TargetSpec> targets = new ArrayList<>();
        targets.add(new TargetSpec("P_lin", "Mpc^3"));
        if (nonlinear) {
            targets.add(new TargetSpec("P_nl", "Mpc^3"));
        }
        return targets;
    }

    @Override
    public Map<String, Object> resolvedSettings() {
        return resolved;
    }

    @Override
    public double[][] simulate(List<String> names, double[] values) {
        double z = values[names.indexOf("z")];
        MatterPowerSpectrum spectrum = MatterPowerSpectrum.create(CosmologyBox.cosmology(names, values), linearModel);
        return nonlinear ? spectrum.linearAndNonlinear(k, z) : new double[][] {spectrum.linear(k, z)};
    }

    static double[] logSpace(double min, double max, int n) {
        double[] out = new double[n];
        double lo = Math.log10(min);
        double step = (Math.log10(max) - lo) / (n - 1);
        for (int i = 0; i < n; i++) {
            out[i] = Math.pow(10, lo + i * step);
        }
        out[0] = min;
        out[n - 1] = max;
        return out;
    }
}
