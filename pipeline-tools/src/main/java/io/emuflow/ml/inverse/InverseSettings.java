package io.emuflow.ml.inverse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One entry of an inverse study's {@code models:} list (spectra -> parameters). Every key is documented in
 * docs/inverse-models.md; unknown keys and values of the wrong type or range are refused with a message
 * naming the key.
 */
public final class InverseSettings {
    /**
     * Dense layers of a fully connected network, 1D convolutions over k followed by global pooling, or 3D
     * convolutions over boxes (see {@link BoxSettings}).
     */
    public enum Network { DENSE, CNN, CNN3D }

    /** Regression: standardised parameters (MSE). Classification: one softmax head of equal-width classes per parameter. */
    public enum Task { REGRESSION, CLASSIFICATION }

    /** Output of a regressor: a point (MSE), a Gaussian or a mixture of Gaussians per parameter (NLL; {@link MixtureHead}). */
    public enum Head { POINT, GAUSSIAN, MIXTURE }

    private static final Set<String> KEYS = Set.of("name", "network", "task", "inputs", "input_transform", "log_offset",
            "hidden_layers", "conv_filters", "kernel_size", "pooling", "coordinate_channel", "activation", "classes", "label_sigma",
            "learning_rate", "batch_size", "max_epochs", "patience", "plateau_patience", "plateau_factor",
            "min_learning_rate", "weight_decay", "dropout", "data_type", "boxes", "box_transforms", "augment", "batch_norm",
            "head", "components", "calibration");
    private static final Set<String> ACTIVATIONS = Set.of("relu", "elu", "tanh", "gelu", "leakyrelu", "swish");

    private final Map<String, Object> source;
    private final String name;
    private final Network network;
    private final Task task;
    private final List<String> inputs;
    private final boolean log10Inputs;
    private final double logOffset;
    private final List<Integer> hiddenLayers;
    private final List<Integer> convFilters;
    private final int kernelSize;
    private final String pooling;
    private final boolean coordinateChannel;
    private final String activation;
    private final int classes;
    private final double labelSigma;
    private final double learningRate;
    private final int batchSize;
    private final int maxEpochs;
    private final int patience;
    private final int plateauPatience;
    private final double plateauFactor;
    private final double minLearningRate;
    private final double weightDecay;
    private final double dropout;
    private final boolean float64;
    private final Head head;
    private final int components;
    private final Recalibration.Method calibration;
    private final BoxSettings boxSettings;

    private InverseSettings(Map<String, Object> map) {
        source = new LinkedHashMap<>(map);
        for (String key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("inverse model setting '" + key + "' is unknown (known: " + new TreeSet<>(KEYS) + ")");
            }
        }
        name = string("name", null);
        if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("inverse model setting 'name' must be a word of letters, digits, '_' or '-', got " + name);
        }
        network = Network.valueOf(choice("network", "dense", Set.of("dense", "cnn", "cnn3d")).toUpperCase());
        task = Task.valueOf(choice("task", "regression", Set.of("regression", "classification")).toUpperCase());
        inputs = map.containsKey("inputs") ? stringList("inputs") : List.of();
        log10Inputs = choice("input_transform", "log10", Set.of("log10", "linear")).equals("log10");
        logOffset = number("log_offset", 1e-4, 0, 1e12);
        hiddenLayers = intList("hidden_layers", switch (network) {
            case DENSE -> List.of(256, 256, 256);
            case CNN -> List.of(128);
            case CNN3D -> List.of(1024, 256); // the reference 3D CNN (docs/inverse-models.md)
        }, 0, 100_000);
        if (network == Network.DENSE && hiddenLayers.isEmpty()) {
            throw new IllegalArgumentException("inverse model setting 'hidden_layers' needs at least one layer for a dense network");
        }
        convFilters = intList("conv_filters", network == Network.CNN3D ? List.of(32, 64, 128) : List.of(32, 64, 64), 1, 100_000);
        if (network != Network.DENSE && convFilters.isEmpty()) {
            throw new IllegalArgumentException("inverse model setting 'conv_filters' needs at least one layer for a cnn network");
        }
        kernelSize = integer("kernel_size", 3, 1, 1000);
        pooling = choice("pooling", "max", Set.of("max", "avg"));
        coordinateChannel = bool("coordinate_channel", true);
        activation = choice("activation", "relu", ACTIVATIONS);
        classes = integer("classes", 25, 2, 10_000);
        labelSigma = number("label_sigma", 0, 0, 1000);
        learningRate = number("learning_rate", 1e-3, 1e-12, 10);
        batchSize = integer("batch_size", 32, 1, 10_000_000);
        maxEpochs = integer("max_epochs", 500, 1, 10_000_000);
        patience = integer("patience", 40, 1, 1_000_000);
        plateauPatience = integer("plateau_patience", 15, 0, 1_000_000);
        plateauFactor = number("plateau_factor", 0.5, 1e-6, 1);
        minLearningRate = number("min_learning_rate", 1e-6, 0, 10);
        weightDecay = number("weight_decay", 0, 0, 1);
        dropout = number("dropout", network == Network.CNN3D ? 0.2 : 0, 0, 0.9);
        float64 = choice("data_type", "float32", Set.of("float32", "float64")).equals("float64");
        head = Head.valueOf(choice("head", "point", Set.of("point", "gaussian", "mixture")).toUpperCase());
        if (head != Head.POINT && task != Task.REGRESSION) {
            throw new IllegalArgumentException("inverse model setting 'head: " + head.name().toLowerCase() + "' needs task regression, got task "
                    + task.name().toLowerCase());
        }
        if (map.containsKey("components") && head != Head.MIXTURE) {
            throw new IllegalArgumentException("inverse model setting 'components' applies to head: mixture only, got head "
                    + head.name().toLowerCase());
        }
        components = head == Head.MIXTURE ? integer("components", 3, 1, 100) : 1;
        calibration = Recalibration.Method.valueOf(choice("calibration", head == Head.POINT ? "none" : "quantile",
                Set.of("quantile", "sigma", "none")).toUpperCase());
        if (head == Head.POINT && calibration != Recalibration.Method.NONE) {
            throw new IllegalArgumentException("inverse model setting 'calibration: " + Recalibration.name(calibration)
                    + "' needs head gaussian or mixture (a point head predicts no distribution to recalibrate)");
        }
        boxSettings = BoxSettings.parse(source, network == Network.CNN3D);
        if (network == Network.CNN3D && task != Task.REGRESSION) {
            throw new IllegalArgumentException("inverse model setting 'task': network cnn3d supports regression only");
        }
        if (network == Network.CNN3D && head != Head.POINT) {
            throw new IllegalArgumentException("inverse model setting 'head: " + head.name().toLowerCase()
                    + "': network cnn3d has a point head only (gaussian and mixture heads work with dense and cnn)");
        }
    }

    /** Parses one entry of the study's models list. */
    public static InverseSettings fromMap(Map<String, Object> map) {
        if (map == null) {
            throw new IllegalArgumentException("inverse model settings are missing");
        }
        return new InverseSettings(map);
    }

    /** The same settings with max_epochs capped (the pipeline's test profile keeps training short). */
    public InverseSettings withMaxEpochs(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("--max-epochs must be at least 1, got " + cap);
        }
        Map<String, Object> capped = new LinkedHashMap<>(source);
        capped.put("max_epochs", Math.min(cap, maxEpochs));
        return new InverseSettings(capped);
    }

    /** The settings as given (for the bundle, provenance and {@link #fromMap}). */
    public Map<String, Object> toMap() {
        return new LinkedHashMap<>(source);
    }

    public String name() { return name; }
    public Network network() { return network; }
    public Task task() { return task; }
    /** Names of the dataset targets read as inputs, in order; empty means every target of the training file. */
    public List<String> inputs() { return inputs; }
    public boolean log10Inputs() { return log10Inputs; }
    public double logOffset() { return logOffset; }
    public List<Integer> hiddenLayers() { return hiddenLayers; }
    public List<Integer> convFilters() { return convFilters; }
    public int kernelSize() { return kernelSize; }
    public String pooling() { return pooling; }
    public boolean coordinateChannel() { return coordinateChannel; }
    public String activation() { return activation; }
    public int classes() { return classes; }
    /** Width (in classes) of the Gaussian soft labels of a classifier; 0 for one-hot labels. */
    public double labelSigma() { return labelSigma; }
    public double learningRate() { return learningRate; }
    public int batchSize() { return batchSize; }
    public int maxEpochs() { return maxEpochs; }
    public int patience() { return patience; }
    public int plateauPatience() { return plateauPatience; }
    public double plateauFactor() { return plateauFactor; }
    public double minLearningRate() { return minLearningRate; }
    public double weightDecay() { return weightDecay; }
    public double dropout() { return dropout; }
    public boolean float64() { return float64; }
    public Head head() { return head; }
    /** Mixture components per parameter: {@code components} for a mixture head, 1 for a Gaussian (and a point) head. */
    public int components() { return components; }
    /**
     * How the posteriors of a distributional head are recalibrated on the validation split after training ({@link
     * Recalibration}): quantile (the default), sigma or none; none for a point head.
     */
    public Recalibration.Method calibration() { return calibration; }
    /** Whether the regressor predicts a distribution (Gaussian or mixture head) rather than a point. */
    public boolean distributional() { return head != Head.POINT; }
    /** The box channels, transforms and augmentation of a cnn3d network; null for the other networks. */
    public BoxSettings boxSettings() { return boxSettings; }

    // ---------------------------------------------------------------- parsing

    private String string(String key, String fallback) {
        Object v = source.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("inverse model setting '" + key + "' must be a string, got '" + v + "'");
        }
        return s;
    }

    private String choice(String key, String fallback, Set<String> allowed) {
        String v = string(key, fallback);
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("inverse model setting '" + key + "' must be one of " + new TreeSet<>(allowed) + ", got '" + v + "'");
        }
        return v;
    }

    private boolean bool(String key, boolean fallback) {
        Object v = source.getOrDefault(key, fallback);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException("inverse model setting '" + key + "' must be true or false, got '" + v + "'");
        }
        return b;
    }

    private double number(String key, double fallback, double min, double max) {
        Object v = source.getOrDefault(key, fallback);
        if (!(v instanceof Number n) || !(n.doubleValue() >= min && n.doubleValue() <= max)) {
            throw new IllegalArgumentException("inverse model setting '" + key + "' must be a number in [" + min + ", " + max + "], got '" + v + "'");
        }
        return n.doubleValue();
    }

    private int integer(String key, int fallback, int min, int max) {
        Object v = source.getOrDefault(key, fallback);
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < min || ((Number) v).longValue() > max) {
            throw new IllegalArgumentException("inverse model setting '" + key + "' must be an integer in [" + min + ", " + max + "], got '" + v + "'");
        }
        return ((Number) v).intValue();
    }

    private List<Integer> intList(String key, List<Integer> fallback, int min, int max) {
        Object v = source.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("inverse model setting '" + key + "' must be a list of integers, got '" + v + "'");
        }
        List<Integer> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Integer || o instanceof Long) || ((Number) o).longValue() < Math.max(min, 1) || ((Number) o).longValue() > max) {
                throw new IllegalArgumentException("inverse model setting '" + key + "' must hold integers in [1, " + max + "], got '" + o + "'");
            }
            out.add(((Number) o).intValue());
        }
        return List.copyOf(out);
    }

    private List<String> stringList(String key) {
        Object v = source.get(key);
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("inverse model setting '" + key + "' must be a non-empty list of target names, got '" + v + "'");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException("inverse model setting '" + key + "' must hold target names, got '" + o + "'");
            }
            if (out.contains(s)) {
                throw new IllegalArgumentException("inverse model setting '" + key + "' lists '" + s + "' twice");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }
}
