package io.emuflow.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.emuflow.data.Json;
import io.emuflow.ml.emulator.Emulator;
import io.emuflow.ml.emulator.EmulatorMetadata;
import io.emuflow.ml.emulator.ModelSettings;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A model card (JSON and Markdown): what the emulator maps, its architecture and schedule, how it was trained
 * (seed, epochs, data sha256s), and its accuracy per split, with the CosmoPower-level targets of issue 5
 * (99th percentile of max |relative error| <= 0.4%, median <= 0.05%) checked on the test split.
 */
public final class ModelCard {
    public static final double TARGET_P99 = 0.004;
    public static final double TARGET_P50 = 0.0005;

    private ModelCard() {}

    /**
     * @param metrics the evaluate step's metrics (with "splits" -> name -> {samples, mse_log10, max_rel_error_percentiles})
     * @param dataSha256 split name -> sha256 of the file evaluated
     */
    public static Map<String, Object> build(Emulator emulator, String bundleSha256, Map<String, Object> metrics, Map<String, String> dataSha256) {
        EmulatorMetadata meta = emulator.metadata();
        ModelSettings settings = emulator.settings();
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("format", "emuflow-model-card/1");
        card.put("model", settings.name());
        card.put("study", meta.study());
        card.put("bundle_sha256", bundleSha256);
        Map<String, Object> maps = new LinkedHashMap<>();
        maps.put("parameters", meta.paramNames());
        maps.put("target", meta.targetName() + " (learnt as log10, standardised)");
        double[] grid = meta.grid();
        maps.put("grid", ordered("name", meta.gridName(), "points", grid.length, "min", grid[0], "max", grid[grid.length - 1]));
        card.put("maps", maps);
        card.put("architecture", emulator.architecture());
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("type", settings.schedule().type());
        schedule.put("stages", settings.schedule().stages().stream().map(s -> ordered("learning_rate", s.learningRate(),
                "batch_size", s.batchSize(), "patience", s.patience(), "max_epochs", s.maxEpochs())).toList());
        if (settings.schedule().reducesOnPlateau()) {
            schedule.put("factor", settings.schedule().factor());
            schedule.put("plateau_patience", settings.schedule().plateauPatience());
            schedule.put("min_learning_rate", settings.schedule().minLearningRate());
        }
        if (settings.fineTune() != null) {
            schedule.put("fine_tune", ordered("samples", settings.fineTune().samples(), "learning_rate", settings.fineTune().stage().learningRate(),
                    "max_epochs", settings.fineTune().stage().maxEpochs()));
        }
        card.put("schedule", schedule);
        card.put("settings", settings.toMap());
        card.put("training", emulator.trainingSummary());
        card.put("evaluation_data", dataSha256);
        card.put("metrics", metrics.get("splits"));
        card.put("targets", targets(metrics));
        return card;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> targets(Map<String, Object> metrics) {
        Map<String, Object> splits = (Map<String, Object>) metrics.get("splits");
        Map<String, Object> out = new LinkedHashMap<>();
        Object test = splits.get("test");
        out.put("p99_max_rel_error_at_most", TARGET_P99);
        out.put("p50_max_rel_error_at_most", TARGET_P50);
        if (test == null) {
            out.put("met", null);
            out.put("note", "no test split evaluated");
            return out;
        }
        Map<String, Double> p = (Map<String, Double>) ((Map<String, Object>) test).get("max_rel_error_percentiles");
        out.put("test_p99", p.get("p99"));
        out.put("test_p50", p.get("p50"));
        out.put("met", p.get("p99") <= TARGET_P99 && p.get("p50") <= TARGET_P50);
        return out;
    }

    public static String json(Map<String, Object> card) {
        try {
            return Json.pretty(card);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static String markdown(Map<String, Object> card) {
        StringBuilder md = new StringBuilder();
        Map<String, Object> maps = (Map<String, Object>) card.get("maps");
        Map<String, Object> arch = (Map<String, Object>) card.get("architecture");
        Map<String, Object> training = (Map<String, Object>) card.get("training");
        Map<String, Object> schedule = (Map<String, Object>) card.get("schedule");
        md.append("# Model card: ").append(card.get("model")).append(" (study ").append(card.get("study")).append(")\n\n");
        md.append("Bundle sha256: `").append(card.get("bundle_sha256")).append("`\n\n");
        md.append("## What it maps\n\n");
        md.append("- Parameters: ").append(maps.get("parameters")).append('\n');
        md.append("- Target: ").append(maps.get("target")).append('\n');
        md.append("- Grid: ").append(maps.get("grid")).append("\n\n");
        md.append("## Architecture\n\n");
        md.append("- ").append(arch.get("inputs")).append(" inputs -> hidden ").append(arch.get("hidden_layers")).append(" (")
                .append(arch.get("activation")).append(") -> ").append(arch.get("network_outputs"))
                .append(arch.get("pca_components") != null ? " PCA coefficients -> " + arch.get("outputs") + " outputs" : " outputs").append('\n');
        md.append("- ").append(arch.get("parameters")).append(" parameters, ").append(arch.get("data_type")).append(", dropout ")
                .append(arch.get("dropout")).append("\n\n");
        md.append("## Training\n\n");
        md.append("- Schedule: ").append(schedule.get("type")).append(", stages ").append(schedule.get("stages")).append('\n');
        if (schedule.containsKey("fine_tune")) {
            md.append("- Fine-tuning: ").append(schedule.get("fine_tune")).append('\n');
        }
        md.append("- Seed ").append(training.get("seed")).append(", ").append(training.get("epochs")).append(" epochs, best at epoch ")
                .append(training.get("best_epoch")).append(", best validation loss ").append(training.get("best_validation_loss"))
                .append(", ").append(String.format(Locale.ROOT, "%.1f", ((Number) training.getOrDefault("seconds", 0)).doubleValue()))
                .append(" s\n");
        md.append("- Samples: ").append(training.get("train_samples")).append(" train, ").append(training.get("validation_samples"))
                .append(" validation\n");
        if (training.get("data") instanceof Map<?, ?> data) {
            data.forEach((k, v) -> md.append("- ").append(k).append(": `").append(v).append("`\n"));
        }
        md.append("\n## Accuracy (max over the grid of |pred/true - 1|, percentiles over samples)\n\n");
        md.append("| split | samples | MSE (log10, or of the target itself with target_transform: none) | p50 | p68 | p95 | p99 | data sha256 |\n|---|---|---|---|---|---|---|---|\n");
        Map<String, Object> metrics = (Map<String, Object>) card.get("metrics");
        Map<String, String> data = (Map<String, String>) card.get("evaluation_data");
        for (Map.Entry<String, Object> e : metrics.entrySet()) {
            Map<String, Object> m = (Map<String, Object>) e.getValue();
            Map<String, Double> p = (Map<String, Double>) m.get("max_rel_error_percentiles");
            md.append("| ").append(e.getKey()).append(" | ").append(m.get("samples")).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3g", ((Number) m.getOrDefault("mse_log10", m.get("mse"))).doubleValue()));
            for (String k : new String[] {"p50", "p68", "p95", "p99"}) {
                md.append(" | ").append(String.format(Locale.ROOT, "%.3g%%", 100 * p.get(k)));
            }
            md.append(" | `").append(data.get(e.getKey()).substring(0, 12)).append("` |\n");
        }
        Map<String, Object> targets = (Map<String, Object>) card.get("targets");
        md.append("\nTarget (issue 5, CosmoPower level) on the test split: p99 <= 0.4% and p50 <= 0.05%: ")
                .append(targets.get("met") == null ? "not evaluated" : (Boolean) targets.get("met") ? "**met**" : "**not met**").append('\n');
        StringBuilder cv = new StringBuilder();
        for (Map.Entry<String, Object> e : metrics.entrySet()) {
            Object perTarget = ((Map<String, Object>) e.getValue()).get("cosmic_variance");
            if (perTarget instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> t : map.entrySet()) {
                    Map<String, Object> c = (Map<String, Object>) t.getValue();
                    cv.append("| ").append(e.getKey()).append(" | ").append(t.getKey()).append(" | ")
                            .append(String.format(Locale.ROOT, "%.3g | %.0f | %s |\n", ((Number) c.get("max_p99")).doubleValue(),
                                    ((Number) c.get("ell_of_max_p99")).doubleValue(), (Boolean) c.get("goal_met") ? "met" : "not met"));
                }
            }
        }
        if (cv.length() > 0) {
            md.append("\n## Accuracy in cosmic-variance units (|delta C_l| / sigma_CV; cv_bands.png)\n\n")
                    .append("| split | spectrum | max over l of p99 | at l | goal p99 <= 0.1 |\n|---|---|---|---|---|\n").append(cv);
        }
        return md.toString();
    }

    /** A map in the order of its keys as given, so the card reads in that order (Map.of's would be sorted on writing). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
