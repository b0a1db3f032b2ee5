package io.emuflow.ml.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hyperparameter search of a model (its {@code search:} entry): the sampler, the number of trials and the
 * space. Each dimension is a range {@code {low, high, log}} (integers for integer keys) or a {@code {choice: [...]}}.
 * Searchable keys: layers and width (hidden_layers = [width] * layers), activation, optimizer, learning_rate,
 * batch_size, dropout, weight_decay, pca_components. With a staged schedule the searched learning_rate is the first
 * stage's and each later stage's is divided by 10 (ModelSettings.forTrial).
 */
public record SearchSpace(String sampler, int trials, int startupTrials, List<Dimension> dimensions) {
    static final Set<String> INTEGER_KEYS = Set.of("layers", "width", "batch_size", "pca_components");
    static final Set<String> KEYS = Set.of("layers", "width", "activation", "optimizer", "learning_rate", "batch_size", "dropout",
            "weight_decay", "pca_components");
    /** Keys whose values are names, so only {choice: [...]} makes sense. */
    static final Set<String> CATEGORICAL_KEYS = Set.of("activation", "optimizer");

    /** One searched setting: numeric range (in log space when {@code log}) or a list of choices. */
    public record Dimension(String key, double low, double high, boolean log, boolean integer, List<Object> choices) {
        public boolean categorical() {
            return choices != null;
        }

        /** Position of a value in the sampler's working space: log or linear for ranges, the index for choices. */
        double toInternal(Object value) {
            if (categorical()) {
                int index = choices.indexOf(value);
                if (index < 0 && value instanceof Number n) {
                    for (int i = 0; i < choices.size(); i++) {
                        if (choices.get(i) instanceof Number c && c.doubleValue() == n.doubleValue()) {
                            index = i;
                        }
                    }
                }
                return index;
            }
            double v = ((Number) value).doubleValue();
            return log ? Math.log(v) : v;
        }

        Object fromInternal(double internal) {
            if (categorical()) {
                return choices.get((int) internal);
            }
            double v = log ? Math.exp(internal) : internal;
            v = Math.min(high, Math.max(low, v));
            if (integer) {
                return (int) Math.round(v);
            }
            return v;
        }

        double internalLow() {
            return log ? Math.log(low) : low;
        }

        double internalHigh() {
            return log ? Math.log(high) : high;
        }
    }

    @SuppressWarnings("unchecked")
    public static SearchSpace parse(Map<String, Object> search) {
        for (String key : search.keySet()) {
            if (!Set.of("sampler", "trials", "startup_trials", "space", "wave_size").contains(key)) {
                throw new IllegalArgumentException("search setting '" + key + "' is unknown (known: sampler, space, startup_trials, trials, wave_size)");
            }
        }
        if (search.containsKey("wave_size")) { // read by the pipeline only: TPE trials per wave (workflows/emulator.nf)
            positiveInt(search.get("wave_size"), "wave_size");
        }
        Object samplerValue = search.getOrDefault("sampler", "tpe");
        if (!"random".equals(samplerValue) && !"tpe".equals(samplerValue)) {
            throw new IllegalArgumentException("search setting 'sampler' must be random or tpe, got " + samplerValue);
        }
        int trials = positiveInt(search.getOrDefault("trials", 20), "trials");
        int startup = positiveInt(search.getOrDefault("startup_trials", Math.min(10, trials)), "startup_trials");
        if (!(search.get("space") instanceof Map<?, ?> space) || space.isEmpty()) {
            throw new IllegalArgumentException("search needs a non-empty 'space' map of setting -> {low, high, log} or {choice: [...]}");
        }
        List<Dimension> dimensions = new ArrayList<>();
        for (Map.Entry<?, ?> e : space.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("search space key '" + key + "' cannot be searched (searchable: " + new java.util.TreeSet<>(KEYS) + ")");
            }
            if (!(e.getValue() instanceof Map<?, ?> spec)) {
                throw new IllegalArgumentException("search space '" + key + "' must be a map {low, high, log} or {choice: [...]}");
            }
            dimensions.add(dimension(key, (Map<String, Object>) spec));
        }
        if ((space.containsKey("layers") || space.containsKey("width")) && !(space.containsKey("layers") && space.containsKey("width"))) {
            throw new IllegalArgumentException("search space needs both 'layers' and 'width' (hidden_layers = [width] * layers)");
        }
        // a fixed order (by key), so that proposals do not depend on the map's iteration order
        dimensions.sort(java.util.Comparator.comparing(Dimension::key));
        return new SearchSpace((String) samplerValue, trials, startup, List.copyOf(dimensions));
    }

    private static Dimension dimension(String key, Map<String, Object> spec) {
        boolean integer = INTEGER_KEYS.contains(key);
        if (CATEGORICAL_KEYS.contains(key) && !spec.containsKey("choice")) {
            throw new IllegalArgumentException("search space '" + key + "' takes names: give {choice: [...]}, not a range");
        }
        if (spec.containsKey("choice")) {
            if (spec.size() != 1 || !(spec.get("choice") instanceof List<?> list) || list.isEmpty()) {
                throw new IllegalArgumentException("search space '" + key + "': give only 'choice' with a non-empty list");
            }
            return new Dimension(key, 0, 0, false, integer, List.copyOf(list));
        }
        for (String k : spec.keySet()) {
            if (!Set.of("low", "high", "log").contains(k)) {
                throw new IllegalArgumentException("search space '" + key + "' has unknown key '" + k + "' (low, high, log, or choice)");
            }
        }
        if (!(spec.get("low") instanceof Number lo) || !(spec.get("high") instanceof Number hi)) {
            throw new IllegalArgumentException("search space '" + key + "' needs numeric 'low' and 'high'");
        }
        boolean log = Boolean.TRUE.equals(spec.get("log"));
        double low = lo.doubleValue();
        double high = hi.doubleValue();
        if (!(low < high) || (log && low <= 0)) {
            throw new IllegalArgumentException("search space '" + key + "' has range [" + low + ", " + high + "]" + (log ? " (log needs low > 0)" : ""));
        }
        return new Dimension(key, low, high, log, integer, null);
    }

    private static int positiveInt(Object value, String key) {
        if (!(value instanceof Integer i) || i < 1) {
            throw new IllegalArgumentException("search setting '" + key + "' must be a positive integer, got " + value);
        }
        return i;
    }

    /** Model settings overrides for a point of the space (layers and width become hidden_layers). */
    public static Map<String, Object> overrides(Map<String, Object> point) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : point.entrySet()) {
            if (!e.getKey().equals("layers") && !e.getKey().equals("width")) {
                out.put(e.getKey(), e.getValue());
            }
        }
        if (point.containsKey("layers")) {
            int layers = ((Number) point.get("layers")).intValue();
            int width = ((Number) point.get("width")).intValue();
            out.put("hidden_layers", java.util.Collections.nCopies(layers, width));
        }
        return out;
    }
}
