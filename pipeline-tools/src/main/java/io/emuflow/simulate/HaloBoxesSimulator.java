package io.emuflow.simulate;

import io.emuflow.data.BoxSpec;
import io.emuflow.data.Parameter;
import io.emuflow.fields.Box;
import io.emuflow.fields.Fft3;
import io.emuflow.fields.SphericalPowerSpectrum;
import io.emuflow.halos.HaloBoxConfig;
import io.emuflow.halos.HaloGrid;
import io.emuflow.halos.HaloSimulation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "halo-boxes": dark matter halos at z = 0 of one box per sample ({@link HaloSimulation}: 2LPT initial conditions,
 * FastPM particle mesh, friends-of-friends), binned on an {@code output_grid}^3 grid as three boxes, {@code nhalo}
 * (halos per cell), {@code mass} (summed halo mass per cell, M_sun/h) and {@code speed} (mean halo speed per cell,
 * km/s, 0 where a cell has no halo), raw values; and one target, {@code pk_halo}: the halo power spectrum P_hh(k) in
 * (Mpc/h)^3, shot noise included, on log-spaced k bins in h/Mpc (see docs/halo-boxes.md).
 *
 * <p>Parameters: Omega_m and sigma_8; Omega_b = 0.049, h = 0.6711, n_s = 0.9624 are fixed (Quijote). Seeds: each
 * sample's initial conditions are seeded by a SplitMix64 hash of the study seed and the bit patterns of its two
 * parameter values, as reion21cm does: a sample re-simulated alone gives bit-identical boxes.
 *
 * <p>Boxes are always saved: {@code save_boxes} picks which of the three (default all); an empty list is an error.
 */
final class HaloBoxesSimulator implements Simulator {
    private static final Logger LOG = LoggerFactory.getLogger(HaloBoxesSimulator.class);
    static final String NAME = "halo-boxes";
    static final String OMEGA_M = "Omega_m";
    static final String SIGMA_8 = "sigma_8";
    static final String TARGET = "pk_halo";
    private static final List<String> REQUIRED = List.of(OMEGA_M, SIGMA_8);
    private static final List<String> CHANNELS = List.of("nhalo", "mass", "speed");
    private static final Map<String, String[]> CHANNEL_FIELDS = Map.of(
            "nhalo", new String[] {"halo_count", ""},
            "mass", new String[] {"halo_mass", "M_sun/h"},
            "speed", new String[] {"halo_speed", "km/s"});
    private static final Set<String> KNOWN = Set.of("box_length", "particle_grid", "mesh_factor", "pm_steps", "a_start",
            "linking_length", "min_halo_particles", "halo_mass_min", "output_grid", "pk_bins", "seed", "fft_threads",
            Simulator.SAVE_BOXES);

    private final HaloSimulation simulation;
    private final int outputGrid;
    private final long seed;
    private final SphericalPowerSpectrum spectrumBins;
    private final List<String> saved;
    private final List<BoxSpec> boxes = new ArrayList<>();
    private final Map<String, Object> resolved;

    HaloBoxesSimulator(Map<String, Object> settingsMap) {
        Settings settings = new Settings("simulator " + NAME, settingsMap, KNOWN);
        double boxLength = settings.number("box_length", 128.0);
        int particleGrid = settings.integer("particle_grid", 64);
        int meshFactor = settings.integer("mesh_factor", 2);
        int steps = settings.integer("pm_steps", 10);
        double aStart = settings.number("a_start", 0.1);
        double linking = settings.number("linking_length", 0.2);
        int minParticles = settings.integer("min_halo_particles", 10);
        double minMass = settings.number("halo_mass_min", 2.0e13);
        this.outputGrid = settings.integer("output_grid", 32);
        int bins = settings.integer("pk_bins", 12);
        this.seed = settings.integer("seed", 1);
        int fftThreads = settings.integer("fft_threads", 1);
        HaloBoxConfig config;
        try {
            config = new HaloBoxConfig(boxLength, particleGrid, meshFactor, steps, aStart, linking, minParticles, minMass);
            if (outputGrid < 4 || outputGrid > 256 || outputGrid % 2 != 0) {
                throw new IllegalArgumentException("output_grid must be an even number in [4, 256], got " + outputGrid);
            }
            if (bins < 1 || bins > 100) {
                throw new IllegalArgumentException("pk_bins must lie in [1, 100], got " + bins);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("simulator " + NAME + ": " + e.getMessage(), e);
        }
        this.simulation = new HaloSimulation(config);
        // P_hh on a CIC mesh of twice the output grid, log bins from the fundamental mode to that mesh's Nyquist mode
        this.spectrumBins = new SphericalPowerSpectrum(new Box(2 * outputGrid, boxLength), bins);
        for (long count : spectrumBins.modeCounts()) {
            if (count == 0) {
                throw new IllegalArgumentException("simulator " + NAME + ": pk_bins = " + bins + " leaves a k bin without any mode; use fewer bins");
            }
        }
        this.saved = channels(settingsMap.getOrDefault(Simulator.SAVE_BOXES, CHANNELS));
        double boxMpc = boxLength / HaloSimulation.HUBBLE;
        for (String channel : saved) {
            String[] fieldAndUnits = CHANNEL_FIELDS.get(channel);
            boxes.add(new BoxSpec(channel, fieldAndUnits[0], fieldAndUnits[1], outputGrid, boxMpc, 0.0));
        }
        Fft3.setThreads(fftThreads);
        Map<String, Object> all = new LinkedHashMap<>(settings.resolved());
        all.put(Simulator.SAVE_BOXES, saved);
        this.resolved = all;
    }

    /** The boxes {@code save_boxes} names (at least one), in the canonical order of {@link #CHANNELS}. */
    private static List<String> channels(Object value) {
        List<String> listed = SavedBoxes.parse(NAME, value, CHANNELS, "box");
        if (listed.isEmpty()) {
            throw new IllegalArgumentException("simulator " + NAME + " always saves boxes: 'save_boxes' must name at least one of " + CHANNELS);
        }
        return CHANNELS.stream().filter(listed::contains).toList();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> requiredParameters() {
        return REQUIRED;
    }

    @Override
    public List<String> optionalParameters() {
        return List.of();
    }

    @Override
    public void checkRanges(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            double lo = p.name().equals(OMEGA_M) ? HaloSimulation.OMEGA_M_MIN : HaloSimulation.SIGMA8_MIN;
            double hi = p.name().equals(OMEGA_M) ? HaloSimulation.OMEGA_M_MAX : HaloSimulation.SIGMA8_MAX;
            if (p.lower() < lo || p.upper() > hi) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "parameter %s has range [%s, %s]: the %s simulator covers %s in [%s, %s]",
                        p.name(), p.lower(), p.upper(), NAME, p.name(), lo, hi));
            }
            if (p.name().equals(OMEGA_M)) {
                HaloBoxConfig c = simulation.config();
                double floor = c.minParticles() * c.particleMass(p.upper());
                if (c.minMass() < floor) {
                    LOG.warn(String.format(Locale.ROOT, "halo_mass_min %.3g M_sun/h is below %d particles (%.3g M_sun/h) at Omega_m = %s:"
                            + " the mass cut then varies with Omega_m", c.minMass(), c.minParticles(), floor, p.upper()));
                }
            }
        }
    }

    @Override
    public double[] grid() {
        return spectrumBins.centres();
    }

    @Override
    public String gridUnits() {
        return "h/Mpc";
    }

    @Override
    public List<TargetSpec> targets() {
        return List.of(new TargetSpec(TARGET, "(Mpc/h)^3"));
    }

    @Override
    public Map<String, Object> resolvedSettings() {
        return resolved;
    }

    @Override
    public List<BoxSpec> boxes() {
        return List.copyOf(boxes);
    }

    @Override
    public double[][] simulate(List<String> names, double[] values) {
        return simulateWithBoxes(names, values).spectra();
    }

    @Override
    public Output simulateWithBoxes(List<String> names, double[] values) {
        double omegaM = value(names, values, OMEGA_M);
        double sigma8 = value(names, values, SIGMA_8);
        HaloSimulation.Result result = simulation.run(omegaM, sigma8, sampleSeed(omegaM, sigma8));
        LOG.debug("Omega_m={} sigma_8={}: {} halos", omegaM, sigma8, result.halos().size());
        float[][] channels = HaloGrid.channels(result.halos(), outputGrid);
        float[][] out = new float[saved.size()][];
        for (int b = 0; b < out.length; b++) {
            out[b] = channels[CHANNELS.indexOf(saved.get(b))];
        }
        return new Output(new double[][] {HaloGrid.power(result.halos(), spectrumBins)}, out);
    }

    /** The seed of a sample's initial conditions: the study seed hashed with the parameter values' bits. */
    long sampleSeed(double omegaM, double sigma8) {
        return Reion21cmSimulator.mix(Reion21cmSimulator.mix(seed, Double.doubleToLongBits(omegaM)), Double.doubleToLongBits(sigma8));
    }

    private static double value(List<String> names, double[] values, String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("simulator " + NAME + " needs the parameter " + name);
        }
        return values[i];
    }
}
