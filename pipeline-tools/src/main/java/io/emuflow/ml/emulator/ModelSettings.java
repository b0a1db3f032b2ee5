package io.emuflow.ml.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of a study's {@code models:} list: the network, its training schedule and the optional PCA
 * compression and fine-tuning pass. Every key is documented in docs/models.md; unknown keys and values of
 * the wrong type are refused with a message naming the key.
 *
 * <p>The flat form ({@code learning_rate, batch_size, max_epochs, patience}) is a one-stage schedule; a
 * {@code schedule:} map chooses CosmoPower's staged schedule, reduce-on-plateau, or fixed stages.
 */
public final class ModelSettings {
    private static final Set<String> KEYS = Set.of("name", "hidden_layers", "activation", "learning_rate", "batch_size",
            "max_epochs", "patience", "dropout", "pca_components", "pca_scaling", "target_scaling", "schedule", "fine_tune", "data_type", "weight_decay", "search",
            "target_transform", "optimizer");

    private final Map<String, Object> source;
    private final String name;
    private final List<Integer> hiddenLayers;
    private final Activation activation;
    private final Optimizer optimizer;
    private final double dropout;
    private final Integer pcaComponents;
    private final Pca.Scaling pcaScaling;
    private final TargetScaling targetScaling;
    private final Schedule schedule;
    private final FineTune fineTune;
    private final boolean float64;
    private final double weightDecay;
    private final io.emuflow.ml.search.SearchSpace search;
    private final boolean linearTarget;

    private ModelSettings(Map<String, Object> source) {
        this.source = copy(source);
        for (String key : source.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("model setting '" + key + "' is unknown (known: " + new java.util.TreeSet<>(KEYS) + ")");
            }
        }
        Settings s = new Settings("model", source);
        name = s.string("name", null);
        if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("model setting 'name' must be a word of letters, digits, '_' or '-', got " + name);
        }
        hiddenLayers = s.intList("hidden_layers", List.of(512, 512, 512, 512));
        if (hiddenLayers.isEmpty()) {
            throw new IllegalArgumentException("model setting 'hidden_layers' needs at least one layer width");
        }
        for (int width : hiddenLayers) {
            if (width < 1 || width > 100_000) {
                throw new IllegalArgumentException("model setting 'hidden_layers' has a width of " + width + " (1..100000)");
            }
        }
        activation = Activation.parse(s.string("activation", "cosmopower"));
        optimizer = Optimizer.parse(s.string("optimizer", Optimizer.ADAM.key()));
        dropout = s.number("dropout", 0.0, 0.0, 0.9);
        pcaComponents = s.has("pca_components") ? s.integer("pca_components", 0, 1, 100_000) : null;
        String scaling = s.string("pca_scaling", Pca.Scaling.PER_COMPONENT.key());
        try {
            pcaScaling = Pca.Scaling.parse(scaling);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model setting " + e.getMessage());
        }
        targetScaling = TargetScaling.parse(s.string("target_scaling", TargetScaling.PER_COLUMN.key()));
        String dataType = s.string("data_type", "float32");
        if (!dataType.equals("float32") && !dataType.equals("float64")) {
            throw new IllegalArgumentException("model setting 'data_type' must be float32 or float64, got " + dataType);
        }
        float64 = dataType.equals("float64");
        weightDecay = s.number("weight_decay", 0.0, 0.0, 1.0);
        Stage flat = new Stage(
                s.number("learning_rate", 1e-3, 1e-12, 10.0),
                s.integer("batch_size", 512, 1, 10_000_000),
                s.integer("patience", 20, 1, 1_000_000),
                s.integer("max_epochs", 1000, 1, 10_000_000));
        schedule = s.has("schedule") ? Schedule.parse(s.map("schedule"), flat) : Schedule.single(flat);
        fineTune = s.has("fine_tune") ? FineTune.parse(s.map("fine_tune"), flat) : null;
        search = s.has("search") ? io.emuflow.ml.search.SearchSpace.parse(s.map("search")) : null;
        String transform = s.string("target_transform", "log10");
        if (!transform.equals("log10") && !transform.equals("none")) {
            throw new IllegalArgumentException("model setting 'target_transform' must be log10 or none, got " + transform);
        }
        linearTarget = transform.equals("none");
        if (s.has("pca_scaling") && pcaComponents == null
                && (search == null || search.dimensions().stream().noneMatch(d -> d.key().equals("pca_components")))) {
            throw new IllegalArgumentException("model setting 'pca_scaling' applies only with 'pca_components' (set both, or neither)");
        }
        if (search != null) {
            validateChoices(search);
        }
    }

    /** Every choice of a searched activation or optimizer must be one this class accepts (a one-line error names it). */
    private static void validateChoices(io.emuflow.ml.search.SearchSpace search) {
        for (io.emuflow.ml.search.SearchSpace.Dimension d : search.dimensions()) {
            if (!d.categorical() || !(d.key().equals("activation") || d.key().equals("optimizer"))) {
                continue;
            }
            for (Object choice : d.choices()) {
                try {
                    if (!(choice instanceof String text)) {
                        throw new IllegalArgumentException("got " + choice);
                    }
                    if (d.key().equals("activation")) {
                        Activation.parse(text);
                    } else {
                        Optimizer.parse(text);
                    }
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("search space '" + d.key() + "' has the choice '" + choice + "', which is not "
                            + (d.key().equals("activation") ? Activation.KNOWN : Optimizer.KNOWN));
                }
            }
        }
    }

    /**
     * Whether the network learns the target itself (`target_transform: none`, for a spectrum that changes sign such
     * as the CMB's TE) instead of its log10; the "log10" methods of {@link Emulator} then give the target itself.
     */
    public boolean linearTarget() {
        return linearTarget;
    }

    /** The hyperparameter search of this model, or null. */
    public io.emuflow.ml.search.SearchSpace search() {
        return search;
    }

    /**
     * The settings of one search trial: these settings without 'search', with the trial's point applied. With a
     * {@code schedule}, a searched learning_rate is the first stage's rate and every later stage's is the previous one
     * divided by 10 (the reference's three-stage training, NNPowerspectra); a searched batch_size is every stage's.
     * The stages' patience and max_epochs stay the schedule's.
     */
    public ModelSettings forTrial(Map<String, Object> point) {
        Map<String, Object> trial = copy(source);
        trial.remove("search");
        trial.putAll(io.emuflow.ml.search.SearchSpace.overrides(point));
        if (trial.get("schedule") instanceof Map<?, ?> sched && (point.containsKey("learning_rate") || point.containsKey("batch_size"))) {
            Map<String, Object> s = copy(cast(sched));
            Object type = s.get("type");
            if ("staged".equals(type)) {
                int n = schedule.stages().size();
                if (point.get("learning_rate") instanceof Number lr) {
                    List<Double> rates = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        rates.add(lr.doubleValue() / Math.pow(10, i));
                    }
                    s.put("learning_rates", rates);
                }
                if (point.containsKey("batch_size")) {
                    s.put("batch_sizes", point.get("batch_size"));
                }
            } else { // fixed_stages (which divides by 10 itself) and reduce_on_plateau take one rate and one batch size
                if (point.containsKey("learning_rate")) {
                    s.put("learning_rate", point.get("learning_rate"));
                }
                if (point.containsKey("batch_size")) {
                    s.put("batch_size", point.get("batch_size"));
                }
            }
            trial.put("schedule", s);
        }
        return new ModelSettings(trial);
    }

    /** Parses one entry of the study's models list. */
    public static ModelSettings fromMap(Map<String, Object> map) {
        if (map == null) {
            throw new IllegalArgumentException("model settings are missing");
        }
        return new ModelSettings(map);
    }

    /**
     * Settings with some keys replaced. {@code max_epochs} is special: it caps every stage of the schedule
     * and the fine-tuning pass (the pipeline's test profile uses it to keep training short).
     */
    public ModelSettings withOverrides(Map<String, Object> overrides) {
        Map<String, Object> merged = copy(source);
        merged.putAll(overrides);
        ModelSettings result = new ModelSettings(merged);
        if (overrides.containsKey("max_epochs")) {
            int cap = result.schedule.stages().get(0).maxEpochs();
            cap = new Settings("override", overrides).integer("max_epochs", cap, 1, 10_000_000);
            return result.cappedAt(cap);
        }
        return result;
    }

    private ModelSettings cappedAt(int maxEpochs) {
        Map<String, Object> capped = copy(source);
        capped.put("max_epochs", maxEpochs);
        if (capped.get("schedule") instanceof Map<?, ?> sched) {
            Map<String, Object> s = copy(cast(sched));
            s.put("max_epochs_cap", maxEpochs);
            capped.put("schedule", s);
        }
        if (capped.get("fine_tune") instanceof Map<?, ?> ft) {
            Map<String, Object> f = copy(cast(ft));
            f.put("max_epochs", Math.min(maxEpochs, fineTune.stage().maxEpochs()));
            capped.put("fine_tune", f);
        }
        return new ModelSettings(capped);
    }

    public String name() {
        return name;
    }

    public List<Integer> hiddenLayers() {
        return hiddenLayers;
    }

    public Activation activation() {
        return activation;
    }

    /** The gradient-descent rule of every stage (Adam unless the model says radam). */
    public Optimizer optimizer() {
        return optimizer;
    }

    public double dropout() {
        return dropout;
    }

    /** Number of PCA components of the standardised targets the network predicts, or null for none. */
    public Integer pcaComponents() {
        return pcaComponents;
    }

    /** How the PCA coefficients are scaled for the network (per_component unless the model says common). */
    public Pca.Scaling pcaScaling() {
        return pcaScaling;
    }

    /** How the log10 target columns are scaled before PCA and training (per_column unless the model says common). */
    public TargetScaling targetScaling() {
        return targetScaling;
    }

    public Schedule schedule() {
        return schedule;
    }

    /** The fine-tuning pass on the worst-predicted training samples, or null. */
    public FineTune fineTune() {
        return fineTune;
    }

    public boolean float64() {
        return float64;
    }

    public double weightDecay() {
        return weightDecay;
    }

    /** The settings as given (after overrides), which is what provenance and the bundle record. */
    public Map<String, Object> toMap() {
        return copy(source);
    }

    @Override
    public String toString() {
        return "ModelSettings" + source;
    }

    // ---------------------------------------------------------------- parts

    /** Scale of the standardised log10 targets: each column's own std, or one std shared by all columns. */
    public enum TargetScaling {
        /** Each column divided by its own (floored) std: the MSE weighs column j by 1 / std_j^2. */
        PER_COLUMN,
        /**
         * Every column divided by one std, the RMS of the columns' (floored) stds. The MSE is then proportional to
         * the mean squared error of log10 of the target itself, the quantity the accuracy metric (max over k of
         * |dP/P|) is made of, so columns with a wide spread over the parameter box (the nonlinear k of P(k), std 0.5
         * against 0.3 at large scales in pk-emulator) are not weighed down by a factor of three.
         */
        COMMON;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static TargetScaling parse(String text) {
            for (TargetScaling t : values()) {
                if (t.key().equals(text)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("model setting 'target_scaling' must be per_column or common, got '" + text + "'");
        }

        /** The scaler the network trains against, from the split's per-column one. */
        public io.emuflow.data.Standardizer apply(io.emuflow.data.Standardizer perColumn) {
            return this == COMMON ? perColumn.withCommonStd() : perColumn;
        }
    }

    /** Activation of the hidden layers. */
    public enum Activation {
        COSMOPOWER, RELU, SELU, GELU, TANH, SIGMOID, ELU, SWISH, LEAKYRELU;

        static final String KNOWN = "one of cosmopower, relu, selu, gelu, tanh, sigmoid, elu, swish, leakyrelu (or leaky_relu)";

        static Activation parse(String text) {
            for (Activation a : values()) {
                // leaky_relu is the reference's (Keras') name of leakyrelu
                if (a.name().equalsIgnoreCase(text) || (a == LEAKYRELU && "leaky_relu".equalsIgnoreCase(text))) {
                    return a;
                }
            }
            throw new IllegalArgumentException("model setting 'activation' must be " + KNOWN + "; got '" + text + "'");
        }

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The optimiser of every stage: Adam (Kingma & Ba 2015), or RAdam (Liu et al. 2020, "On the Variance of the
     * Adaptive Learning Rate and Beyond", ICLR, Algorithm 2; {@link io.emuflow.ml.optim.RAdam}).
     */
    public enum Optimizer {
        ADAM, RADAM;

        static final String KNOWN = "adam or radam";

        static Optimizer parse(String text) {
            for (Optimizer o : values()) {
                if (o.name().equalsIgnoreCase(text)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("model setting 'optimizer' must be " + KNOWN + "; got '" + text + "'");
        }

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One stage of training: the optimiser (Adam or RAdam) at a fixed rate with early stopping after {@code patience} epochs without improvement. */
    public record Stage(double learningRate, int batchSize, int patience, int maxEpochs) {}

    /**
     * A training schedule: the stages run in order, each restarting the optimiser at its rate from the best weights so far.
     * For reduce-on-plateau there is one stage, and the rate is multiplied by {@code factor} when the validation
     * loss has not improved for {@code plateauPatience} epochs, until it would fall below {@code minLearningRate}.
     */
    public record Schedule(String type, List<Stage> stages, double factor, int plateauPatience, double minLearningRate) {
        static Schedule single(Stage stage) {
            return new Schedule("single", List.of(stage), 1.0, 0, 0.0);
        }

        static Schedule parse(Map<String, Object> map, Stage flat) {
            Settings s = new Settings("schedule", map);
            String type = s.string("type", null);
            if (type == null) {
                throw new IllegalArgumentException("schedule needs a 'type': staged, reduce_on_plateau or fixed_stages");
            }
            Integer cap = s.has("max_epochs_cap") ? s.integer("max_epochs_cap", 0, 1, 10_000_000) : null;
            Schedule result;
            switch (type) {
                case "staged" -> {
                    s.allow("type", "learning_rates", "batch_sizes", "patience", "max_epochs", "max_epochs_cap");
                    List<Double> rates = s.numberList("learning_rates", List.of(1e-2, 1e-3, 1e-4, 1e-5, 1e-6));
                    int n = rates.size();
                    List<Integer> batches = s.intListOrScalar("batch_sizes", n, flat.batchSize());
                    List<Integer> patiences = s.intListOrScalar("patience", n, flat.patience());
                    List<Integer> epochs = s.intListOrScalar("max_epochs", n, flat.maxEpochs());
                    List<Stage> stages = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        stages.add(new Stage(positive("learning_rates", rates.get(i)), batches.get(i), patiences.get(i), epochs.get(i)));
                    }
                    result = new Schedule(type, stages, 1.0, 0, 0.0);
                }
                case "fixed_stages" -> {
                    s.allow("type", "stages", "learning_rate", "batch_size", "patience", "max_epochs", "max_epochs_cap");
                    int n = s.integer("stages", 5, 1, 20);
                    double rate = s.number("learning_rate", 1e-2, 1e-12, 10.0);
                    int batch = s.integer("batch_size", flat.batchSize(), 1, 10_000_000);
                    int patience = s.integer("patience", flat.patience(), 1, 1_000_000);
                    int maxEpochs = s.integer("max_epochs", flat.maxEpochs(), 1, 10_000_000);
                    List<Stage> stages = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        stages.add(new Stage(rate * Math.pow(10, -i), batch, patience, maxEpochs));
                    }
                    result = new Schedule(type, stages, 1.0, 0, 0.0);
                }
                case "reduce_on_plateau" -> {
                    s.allow("type", "learning_rate", "batch_size", "factor", "plateau_patience", "min_learning_rate", "patience",
                            "max_epochs", "max_epochs_cap");
                    double rate = s.number("learning_rate", flat.learningRate(), 1e-12, 10.0);
                    int batch = s.integer("batch_size", flat.batchSize(), 1, 10_000_000);
                    double factor = s.number("factor", 0.5, 1e-6, 0.999999);
                    int plateau = s.integer("plateau_patience", 10, 1, 1_000_000);
                    double minRate = s.number("min_learning_rate", 1e-6, 0.0, 10.0);
                    int patience = s.integer("patience", Math.max(flat.patience(), 2 * plateau), 1, 1_000_000);
                    int maxEpochs = s.integer("max_epochs", flat.maxEpochs(), 1, 10_000_000);
                    result = new Schedule(type, List.of(new Stage(rate, batch, patience, maxEpochs)), factor, plateau, minRate);
                }
                default -> throw new IllegalArgumentException("schedule 'type' must be staged, reduce_on_plateau or fixed_stages; got '" + type + "'");
            }
            return cap == null ? result : result.capped(cap);
        }

        Schedule capped(int maxEpochs) {
            List<Stage> capped = new ArrayList<>();
            for (Stage st : stages) {
                capped.add(new Stage(st.learningRate(), st.batchSize(), st.patience(), Math.min(st.maxEpochs(), maxEpochs)));
            }
            return new Schedule(type, capped, factor, plateauPatience, minLearningRate);
        }

        public boolean reducesOnPlateau() {
            return type.equals("reduce_on_plateau");
        }
    }

    /**
     * Fine-tuning: after the schedule, train on the {@code samples} worst-predicted training samples (by max |error|).
     * With a {@code search:} entry the pass is not run by training: the pipeline searches its settings, one
     * `emuflow fine-tune` task per trial ({@link FineTuneSearch}); the other keys are the values a trial's point
     * does not set.
     */
    public record FineTune(int samples, Stage stage, FineTuneSearch search) {
        static FineTune parse(Map<String, Object> map, Stage flat) {
            Settings s = new Settings("fine_tune", map);
            s.allow("samples", "learning_rate", "batch_size", "patience", "max_epochs", "search");
            int samples = s.integer("samples", 1000, 1, 100_000_000);
            Stage stage = new Stage(
                    s.number("learning_rate", 1e-5, 1e-12, 10.0),
                    s.integer("batch_size", Math.min(flat.batchSize(), samples), 1, 10_000_000),
                    s.integer("patience", 10, 1, 1_000_000),
                    s.integer("max_epochs", 100, 1, 10_000_000));
            return new FineTune(samples, stage, s.has("search") ? FineTuneSearch.parse(s.map("search")) : null);
        }

        /** Whether the pass is searched by the pipeline (fine-tune tasks) instead of run at the end of training. */
        public boolean searched() {
            return search != null;
        }
    }

    private static double positive(String key, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("schedule '" + key + "' values must be positive, got " + value);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static Map<String, Object> copy(Map<String, Object> map) {
        return new LinkedHashMap<>(map);
    }

    /** Typed access to a settings map, with one-line errors that name the key. */
    private static final class Settings {
        private final String where;
        private final Map<String, Object> map;

        Settings(String where, Map<String, Object> map) {
            this.where = where;
            this.map = map;
        }

        boolean has(String key) {
            return map.containsKey(key) && map.get(key) != null;
        }

        void allow(String... keys) {
            Set<String> allowed = Set.of(keys);
            for (String key : map.keySet()) {
                if (!allowed.contains(key)) {
                    throw new IllegalArgumentException(where + " setting '" + key + "' is unknown here (known: " + new java.util.TreeSet<>(allowed) + ")");
                }
            }
        }

        String string(String key, String fallback) {
            Object v = map.get(key);
            if (v == null) {
                return fallback;
            }
            if (!(v instanceof String text)) {
                throw wrongType(key, "a string", v);
            }
            return text;
        }

        double number(String key, double fallback, double min, double max) {
            Object v = map.get(key);
            if (v == null) {
                return fallback;
            }
            if (!(v instanceof Number n) || v instanceof Boolean) {
                throw wrongType(key, "a number", v);
            }
            double d = n.doubleValue();
            if (!(d >= min && d <= max)) {
                throw new IllegalArgumentException(where + " setting '" + key + "' is " + d + ", outside [" + min + ", " + max + "]");
            }
            return d;
        }

        int integer(String key, int fallback, int min, int max) {
            Object v = map.get(key);
            if (v == null) {
                return fallback;
            }
            return toInt(key, v, min, max);
        }

        private int toInt(String key, Object v, int min, int max) {
            boolean integral = v instanceof Integer || v instanceof Long || v instanceof Short
                    || (v instanceof Number n && !(v instanceof Boolean) && n.doubleValue() == Math.rint(n.doubleValue())
                            && Math.abs(n.doubleValue()) < 1e15);
            if (!integral) {
                throw wrongType(key, "an integer", v);
            }
            long value = ((Number) v).longValue();
            if (value < min || value > max) {
                throw new IllegalArgumentException(where + " setting '" + key + "' is " + value + ", outside [" + min + ", " + max + "]");
            }
            return (int) value;
        }

        List<Integer> intList(String key, List<Integer> fallback) {
            Object v = map.get(key);
            if (v == null) {
                return fallback;
            }
            if (!(v instanceof List<?> list)) {
                throw wrongType(key, "a list of integers", v);
            }
            List<Integer> out = new ArrayList<>();
            for (Object item : list) {
                out.add(toInt(key, item, Integer.MIN_VALUE, Integer.MAX_VALUE));
            }
            return List.copyOf(out);
        }

        /** A list of n integers, or one integer used for all n. */
        List<Integer> intListOrScalar(String key, int n, int fallback) {
            Object v = map.get(key);
            if (v == null) {
                return java.util.Collections.nCopies(n, fallback);
            }
            if (v instanceof List<?>) {
                List<Integer> list = intList(key, null);
                if (list.size() != n) {
                    throw new IllegalArgumentException(where + " setting '" + key + "' has " + list.size() + " values for " + n + " stages");
                }
                for (int x : list) {
                    if (x < 1) {
                        throw new IllegalArgumentException(where + " setting '" + key + "' values must be at least 1, got " + x);
                    }
                }
                return list;
            }
            return java.util.Collections.nCopies(n, toInt(key, v, 1, Integer.MAX_VALUE));
        }

        List<Double> numberList(String key, List<Double> fallback) {
            Object v = map.get(key);
            if (v == null) {
                return fallback;
            }
            if (!(v instanceof List<?> list) || list.isEmpty()) {
                throw wrongType(key, "a non-empty list of numbers", v);
            }
            List<Double> out = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof Number n) || item instanceof Boolean) {
                    throw wrongType(key, "a list of numbers", v);
                }
                out.add(n.doubleValue());
            }
            return out;
        }

        Map<String, Object> map(String key) {
            Object v = map.get(key);
            if (!(v instanceof Map<?, ?> m)) {
                throw wrongType(key, "a map", v);
            }
            for (Object k : m.keySet()) {
                if (!(k instanceof String)) {
                    throw wrongType(key, "a map with string keys", v);
                }
            }
            return cast(m);
        }

        private IllegalArgumentException wrongType(String key, String expected, Object v) {
            String got = v == null ? "nothing" : v.getClass().getSimpleName() + " " + v;
            return new IllegalArgumentException(where + " setting '" + key + "' must be " + expected + ", got " + got);
        }
    }
}
