package io.emuflow.ml.emulator;

import io.emuflow.ml.search.SearchSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The search of a model's fine-tuning pass ({@code fine_tune: {search: {trials, sampler, startup_trials, space}}}), as
 * the reference searches it (NNPowerspectra: the number of worst samples N_BAD, the learning rate, the batch size and
 * the epochs). The space is a {@link SearchSpace} of its own keys, so {@link io.emuflow.ml.search.TrialSampler}
 * proposes its trials (random start-up trials, then TPE) exactly as for a training search.
 */
public record FineTuneSearch(SearchSpace space) {
    static final Set<String> INTEGER_KEYS = Set.of("samples", "batch_size", "patience", "max_epochs");
    static final Set<String> KEYS = Set.of("samples", "learning_rate", "batch_size", "patience", "max_epochs");

    public static FineTuneSearch parse(Map<String, Object> search) {
        for (String key : search.keySet()) {
            if (!Set.of("sampler", "trials", "startup_trials", "space", "wave_size").contains(key)) {
                throw new IllegalArgumentException("fine_tune search setting '" + key
                        + "' is unknown (known: sampler, space, startup_trials, trials, wave_size)");
            }
        }
        if (search.containsKey("wave_size")) { // read by the pipeline only: TPE trials per wave (workflows/emulator.nf)
            positiveInt(search.get("wave_size"), "wave_size");
        }
        Object sampler = search.getOrDefault("sampler", "tpe");
        if (!"random".equals(sampler) && !"tpe".equals(sampler)) {
            throw new IllegalArgumentException("fine_tune search setting 'sampler' must be random or tpe, got " + sampler);
        }
        int trials = positiveInt(search.getOrDefault("trials", 20), "trials");
        int startup = positiveInt(search.getOrDefault("startup_trials", Math.min(10, trials)), "startup_trials");
        if (!(search.get("space") instanceof Map<?, ?> space) || space.isEmpty()) {
            throw new IllegalArgumentException("fine_tune search needs a non-empty 'space' map of setting -> {low, high, log} or {choice: [...]}");
        }
        List<SearchSpace.Dimension> dimensions = new ArrayList<>();
        for (Map.Entry<?, ?> e : space.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("fine_tune search space key '" + key + "' cannot be searched (searchable: " + new TreeSet<>(KEYS) + ")");
            }
            if (!(e.getValue() instanceof Map<?, ?> spec)) {
                throw new IllegalArgumentException("fine_tune search space '" + key + "' must be a map {low, high, log} or {choice: [...]}");
            }
            dimensions.add(dimension(key, spec));
        }
        dimensions.sort(Comparator.comparing(SearchSpace.Dimension::key)); // proposals must not depend on the map's order
        return new FineTuneSearch(new SearchSpace((String) sampler, trials, startup, List.copyOf(dimensions)));
    }

    /** The fine-tuning settings of one trial: the model's own {@code fine_tune} values, with the trial's point applied. */
    public ModelSettings.FineTune settings(ModelSettings.FineTune base, Map<String, Object> point) {
        ModelSettings.Stage s = base.stage();
        int samples = point.containsKey("samples") ? ((Number) point.get("samples")).intValue() : base.samples();
        ModelSettings.Stage stage = new ModelSettings.Stage(
                point.containsKey("learning_rate") ? ((Number) point.get("learning_rate")).doubleValue() : s.learningRate(),
                point.containsKey("batch_size") ? ((Number) point.get("batch_size")).intValue() : s.batchSize(),
                point.containsKey("patience") ? ((Number) point.get("patience")).intValue() : s.patience(),
                point.containsKey("max_epochs") ? ((Number) point.get("max_epochs")).intValue() : s.maxEpochs());
        return new ModelSettings.FineTune(samples, stage, null);
    }

    private static SearchSpace.Dimension dimension(String key, Map<?, ?> spec) {
        boolean integer = INTEGER_KEYS.contains(key);
        String where = "fine_tune search space '" + key + "'";
        if (spec.containsKey("choice")) {
            if (spec.size() != 1 || !(spec.get("choice") instanceof List<?> list) || list.isEmpty()) {
                throw new IllegalArgumentException(where + ": give only 'choice' with a non-empty list");
            }
            for (Object c : list) {
                if (!(c instanceof Number n) || !(n.doubleValue() > 0) || (integer && n.doubleValue() != Math.rint(n.doubleValue()))) {
                    throw new IllegalArgumentException(where + " choices must be positive " + (integer ? "integers" : "numbers") + ", got " + c);
                }
            }
            return new SearchSpace.Dimension(key, 0, 0, false, integer, List.copyOf(list));
        }
        for (Object k : spec.keySet()) {
            if (!Set.of("low", "high", "log").contains(String.valueOf(k))) {
                throw new IllegalArgumentException(where + " has unknown key '" + k + "' (low, high, log, or choice)");
            }
        }
        if (!(spec.get("low") instanceof Number lo) || !(spec.get("high") instanceof Number hi)) {
            throw new IllegalArgumentException(where + " needs numeric 'low' and 'high'");
        }
        boolean log = Boolean.TRUE.equals(spec.get("log"));
        double low = lo.doubleValue();
        double high = hi.doubleValue();
        // every fine-tune setting is a positive quantity (a count, a rate, a batch size, epochs)
        if (!(low > 0 && low < high) || (integer && low < 1)) {
            throw new IllegalArgumentException(where + " has range [" + low + ", " + high + "]; it needs 0 < low < high"
                    + (integer ? " and low >= 1" : ""));
        }
        return new SearchSpace.Dimension(key, low, high, log, integer, null);
    }

    private static int positiveInt(Object value, String key) {
        if (!(value instanceof Integer i) || i < 1) {
            throw new IllegalArgumentException("fine_tune search setting '" + key + "' must be a positive integer, got " + value);
        }
        return i;
    }
}
