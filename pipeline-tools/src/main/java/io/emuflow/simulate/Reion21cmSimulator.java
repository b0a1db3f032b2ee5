package io.emuflow.simulate;

import io.emuflow.data.BoxSpec;
import io.emuflow.data.Parameter;
import io.emuflow.fields.Box;
import io.emuflow.fields.Fft3;
import io.emuflow.fields.KSpace;
import io.emuflow.reionization.AstroParams;
import io.emuflow.reionization.CoevalSimulator;
import io.emuflow.reionization.PerturbedField;
import io.emuflow.reionization.ReionCosmology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "reion21cm": 21-cm power spectra of semi-numerical reionization boxes (io.emuflow.reionization, after 21cmFAST):
 * for each sample (HII_EFF_FACTOR, ION_Tvir_MIN in log10 K, R_BUBBLE_MAX in Mpc) one target per redshift,
 * {@code delta2_z<z>} = Delta^2_21(k) in mK^2 on 20 log-spaced k bins (empty bins NaN, for the clean step).
 *
 * <p>Seeds. With {@code fields: 0} (default) every sample gets its own initial conditions, seeded by a SplitMix64
 * hash of the study seed and the bit patterns of the sample's three parameter values: a sample re-simulated alone
 * gives the same spectra, whatever its chunk or thread. With {@code fields: K > 0} the samples share K density
 * fields (seeded by the study seed and the field number); a sample's field is its parameter hash modulo K, and
 * each field is perturbed once per redshift and then reused (kept in memory) for every sample that falls on it.
 * The Poisson sampling of the last excursion-set step is seeded by the same parameter hash and the redshift.
 *
 * <p>Boxes. {@code save_boxes: [brightness_temperature, neutral_fraction, density]} (any subset; default none) saves
 * each sample's boxes per redshift as float32 {@code tb_z<z>} (mK), {@code xHI_z<z>} and {@code density_z<z>}
 * (the evolved overdensity delta). Saving changes nothing else: the spectra are computed from the double-precision
 * T_b box either way.
 *
 * <p>R_BUBBLE_MAX. A range reaching above a third of {@code box_length} is logged as a warning and kept in {@link
 * #warnings()} (the sample and simulate steps record it in their sidecars), or refused with {@code
 * strict_r_bubble_max: true}; so is, as a warning only, a top of the range that the box cannot resolve.
 */
final class Reion21cmSimulator implements Simulator {
    private static final Logger LOG = LoggerFactory.getLogger(Reion21cmSimulator.class);
    static final String ZETA = "HII_EFF_FACTOR";
    static final String TVIR = "ION_Tvir_MIN";
    static final String RMAX = "R_BUBBLE_MAX";
    private static final List<String> REQUIRED = List.of(ZETA, TVIR, RMAX);
    private static final Set<String> KNOWN = Set.of("hii_dim", "box_length", "redshifts", "seed", "fields",
            "ic_oversampling", "poisson", "strict_r_bubble_max", "fft_threads", "sigma8", "hubble", "omega_m", "omega_b", "n_s", Simulator.SAVE_BOXES);
    /** Fields that can be saved as boxes, with their box name prefix and units. */
    private static final Map<String, String[]> BOX_FIELDS = new LinkedHashMap<>();

    static {
        BOX_FIELDS.put("brightness_temperature", new String[] {"tb", "mK"});
        BOX_FIELDS.put("neutral_fraction", new String[] {"xHI", ""});
        BOX_FIELDS.put("density", new String[] {"density", ""});
    }
    private static final long MAX_CACHE_BYTES = 3L << 30;

    private final CoevalSimulator coeval;
    private final double[] redshifts;
    private final long seed;
    private final int fields;
    private final Map<String, Object> resolved;
    private final List<String> savedFields;
    private final List<BoxSpec> boxes = new ArrayList<>();
    private final Map<Long, PerturbedField[]> fieldCache = new ConcurrentHashMap<>();
    private final boolean strictRBubbleMax;
    private final List<String> warnings = new ArrayList<>();

    Reion21cmSimulator(Map<String, Object> settingsMap) {
        Settings settings = new Settings("simulator reion21cm", settingsMap, KNOWN);
        int dim = settings.integer("hii_dim", 64);
        double boxLength = settings.number("box_length", 128.0);
        this.seed = settings.integer("seed", 1);
        this.fields = settings.integer("fields", 0);
        int oversampling = settings.integer("ic_oversampling", 3);
        int fftThreads = settings.integer("fft_threads", 1);
        ReionCosmology fiducial = ReionCosmology.fiducial();
        ReionCosmology cosmology = new ReionCosmology(settings.number("hubble", fiducial.h()),
                settings.number("omega_m", fiducial.omegaM()), settings.number("omega_b", fiducial.omegaB()),
                settings.number("sigma8", fiducial.sigma8()), settings.number("n_s", fiducial.ns()));
        Map<String, Object> all = new LinkedHashMap<>(settings.resolved());
        boolean poisson = flag(settingsMap, "poisson", true);
        all.put("poisson", poisson);
        this.strictRBubbleMax = flag(settingsMap, "strict_r_bubble_max", false);
        all.put("strict_r_bubble_max", strictRBubbleMax);
        this.redshifts = redshifts(settingsMap.getOrDefault("redshifts", List.of(7, 8, 9)));
        List<Double> zs = new ArrayList<>();
        for (double z : redshifts) {
            zs.add(z);
        }
        all.put("redshifts", zs);
        this.savedFields = SavedBoxes.parse("reion21cm", settingsMap.getOrDefault(Simulator.SAVE_BOXES, List.of()), BOX_FIELDS.keySet(), "field");
        all.put(Simulator.SAVE_BOXES, savedFields);
        for (double z : redshifts) {
            for (String field : savedFields) {
                String[] prefixAndUnits = BOX_FIELDS.get(field);
                boxes.add(new BoxSpec(prefixAndUnits[0] + "_z" + redshiftText(z), field, prefixAndUnits[1], dim, boxLength, z));
            }
        }
        if (fields < 0) {
            throw new IllegalArgumentException("simulator reion21cm: fields must be 0 (one field per sample) or a positive count, got " + fields);
        }
        long cacheBytes = (long) fields * redshifts.length * 24L * dim * dim * dim;
        if (cacheBytes > MAX_CACHE_BYTES) {
            throw new IllegalArgumentException("simulator reion21cm: " + fields + " shared fields of " + dim + "^3 at "
                    + redshifts.length + " redshifts need " + (cacheBytes >> 20) + " MiB of memory (limit "
                    + (MAX_CACHE_BYTES >> 20) + " MiB): use fewer fields, redshifts or cells");
        }
        Fft3.setThreads(fftThreads);
        this.coeval = new CoevalSimulator(new Box(dim, boxLength), cosmology, oversampling, poisson);
        this.resolved = all;
    }

    private static boolean flag(Map<String, Object> settings, String key, boolean fallback) {
        Object v = settings.getOrDefault(key, fallback);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException("simulator reion21cm setting '" + key + "' must be true or false, got '" + v + "'");
        }
        return b;
    }

    private static double[] redshifts(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("simulator reion21cm setting 'redshifts' must be a non-empty list of numbers, got '" + value + "'");
        }
        double[] zs = new double[list.size()];
        for (int i = 0; i < zs.length; i++) {
            if (!(list.get(i) instanceof Number number) || !(number.doubleValue() >= 5 && number.doubleValue() <= 35)) {
                throw new IllegalArgumentException("simulator reion21cm: every redshift must be a number in [5, 35], got '" + list.get(i) + "'");
            }
            zs[i] = number.doubleValue();
            for (int j = 0; j < i; j++) {
                if (targetName(zs[j]).equals(targetName(zs[i]))) {
                    throw new IllegalArgumentException("simulator reion21cm: redshift " + zs[i] + " is listed twice");
                }
            }
        }
        return zs;
    }

    /** Target name of a redshift: delta2_z8, delta2_z7p5. */
    static String targetName(double z) {
        return "delta2_z" + redshiftText(z);
    }

    /** A redshift in names: 8, 7p5. */
    private static String redshiftText(double z) {
        String text = String.format(Locale.ROOT, "%.3f", z).replaceAll("0+$", "").replaceAll("\\.$", "");
        return text.replace('.', 'p');
    }

    @Override
    public String name() {
        return "reion21cm";
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
            switch (p.name()) {
                case ZETA -> require(p, p.lower() > 0, "HII_EFF_FACTOR must be positive");
                case TVIR -> require(p, p.lower() >= 2 && p.upper() <= 9, "ION_Tvir_MIN is log10(T/K) and must lie in [2, 9]");
                case RMAX -> {
                    require(p, p.lower() > 0, "R_BUBBLE_MAX must be a positive radius in Mpc");
                    Optional<String> beyond = beyondThirdOfBox(coeval.box(), p);
                    if (beyond.isPresent() && strictRBubbleMax) {
                        throw new IllegalArgumentException(beyond.get() + " (strict_r_bubble_max is set)");
                    }
                    beyond.ifPresent(this::warn);
                    unresolvedRadii(coeval.box(), p).ifPresent(this::warn);
                }
                default -> { }
            }
        }
    }

    private void warn(String message) {
        LOG.warn(message);
        warnings.add(message);
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * A warning when R_BUBBLE_MAX can exceed a third of the box side. The first, largest filter of the excursion
     * set is then a sharp k-space filter that keeps only the few lowest modes of the box, close to its fundamental
     * mode, and the bubble topology it makes depends on the box rather than on R_BUBBLE_MAX; 21cmFAST v3 refuses
     * such inputs when it filters in k-space (HII_FILTER = 1, as here) unless its configuration says to ignore them
     * (py21cmfast's input validation, "Your R_BUBBLE_MAX is &gt; BOX_LEN/3").
     */
    static Optional<String> beyondThirdOfBox(Box box, Parameter rMax) {
        double limit = box.length() / 3;
        if (rMax.upper() <= limit) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "R_BUBBLE_MAX up to %.1f Mpc exceeds a third of the %.0f Mpc box"
                + " (%.1f Mpc): the largest excursion-set filter then keeps little more than the box's fundamental mode"
                + " (21cmFAST refuses R_BUBBLE_MAX > BOX_LEN/3 unless told to ignore it); use a larger box_length or a"
                + " lower R_BUBBLE_MAX, or set strict_r_bubble_max: true to make this an error", rMax.upper(),
                box.length(), limit));
    }

    /**
     * A warning when the top of the R_BUBBLE_MAX range is more than a tenth of the range that the box cannot tell
     * apart: every radius there keeps the same Fourier modes in its sharp k-space filter ({@link
     * KSpace#sameModesFrom}), so the spectra barely depend on it and no model can learn it.
     */
    static Optional<String> unresolvedRadii(Box box, Parameter rMax) {
        double from = Math.max(KSpace.sameModesFrom(box, rMax.upper()), rMax.lower());
        if (rMax.upper() - from <= 0.1 * (rMax.upper() - rMax.lower())) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "R_BUBBLE_MAX from %.1f to %.1f Mpc: the excursion-set filters of a"
                + " %.0f Mpc box keep the same Fourier modes for all these radii, so the 21-cm spectra barely tell them"
                + " apart; a larger box_length resolves them", from, rMax.upper(), box.length()));
    }

    private static void require(Parameter p, boolean ok, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("parameter " + p.name() + " has range [" + p.lower() + ", " + p.upper() + "]: " + rule);
        }
    }

    @Override
    public double[] grid() {
        return coeval.spectrum().centres();
    }

    @Override
    public String gridUnits() {
        return "1/Mpc";
    }

    @Override
    public List<TargetSpec> targets() {
        List<TargetSpec> targets = new ArrayList<>();
        for (double z : redshifts) {
            targets.add(new TargetSpec(targetName(z), "mK^2"));
        }
        return targets;
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
        return run(names, values, false).spectra();
    }

    @Override
    public Output simulateWithBoxes(List<String> names, double[] values) {
        return run(names, values, true);
    }

    private Output run(List<String> names, double[] values, boolean keepBoxes) {
        AstroParams astro = new AstroParams(value(names, values, ZETA), value(names, values, TVIR), value(names, values, RMAX));
        long sampleHash = mix(mix(mix(seed, Double.doubleToLongBits(astro.zeta())),
                Double.doubleToLongBits(astro.log10Tvir())), Double.doubleToLongBits(astro.rBubbleMax()));
        PerturbedField[] perturbed = fields == 0 ? perturbAll(sampleHash) : sharedField(Math.floorMod(sampleHash, fields));
        double[][] out = new double[redshifts.length][];
        float[][] saved = new float[keepBoxes ? boxes.size() : 0][];
        for (int iz = 0; iz < redshifts.length; iz++) {
            CoevalSimulator.Coeval box = coeval.ionize(perturbed[iz], astro, mix(sampleHash, iz));
            out[iz] = coeval.delta2(box.brightnessTemperature());
            LOG.debug("z={} {}: x_HI={} mean T_b={} mK", redshifts[iz], astro, box.meanNeutralFraction(), box.meanBrightnessTemperature());
            for (int f = 0; keepBoxes && f < savedFields.size(); f++) {
                double[] field = switch (savedFields.get(f)) {
                    case "brightness_temperature" -> box.brightnessTemperature();
                    case "neutral_fraction" -> box.neutralFraction();
                    default -> perturbed[iz].density();
                };
                saved[iz * savedFields.size() + f] = toFloat(field);
            }
        }
        return new Output(out, saved);
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    // computeIfAbsent makes other samples of the same field wait for its one computation
    private PerturbedField[] sharedField(long index) {
        return fieldCache.computeIfAbsent(index, i -> perturbAll(mix(seed, i)));
    }

    private PerturbedField[] perturbAll(long fieldSeed) {
        CoevalSimulator.InitialConditions ic = coeval.initialConditions(fieldSeed);
        PerturbedField[] perturbed = new PerturbedField[redshifts.length];
        for (int iz = 0; iz < redshifts.length; iz++) {
            perturbed[iz] = coeval.perturb(ic, redshifts[iz]);
        }
        return perturbed;
    }

    private static double value(List<String> names, double[] values, String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("simulator reion21cm needs the parameter " + name);
        }
        return values[i];
    }

    /** SplitMix64 (Steele, Lea &amp; Flood 2014) of h combined with v: a well-spread 64-bit hash. */
    static long mix(long h, long v) {
        long z = h * 0x9E3779B97F4A7C15L + v + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
