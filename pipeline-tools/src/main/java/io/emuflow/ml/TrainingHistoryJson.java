package io.emuflow.ml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How every model bundle (emulators and inverse models) stores its training summary and loss history. */
public final class TrainingHistoryJson {
    private TrainingHistoryJson() {}

    /** Adds "training" and "history" to a bundle document. */
    public static void put(Map<String, Object> doc, Map<String, Object> trainingSummary, List<EpochRecord> history) {
        // wall-clock seconds stay out of the bundle: the same data, settings and seed give the same bytes
        Map<String, Object> persisted = new LinkedHashMap<>(trainingSummary);
        persisted.remove("seconds");
        doc.put("training", persisted);
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (EpochRecord r : history) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("epoch", r.epoch());
            e.put("train_loss", r.trainLoss());
            e.put("validation_loss", r.validationLoss());
            e.put("learning_rate", r.learningRate());
            epochs.add(e);
        }
        doc.put("history", epochs);
    }

    /** The history written by {@link #put}. */
    public static List<EpochRecord> history(JsonNode doc) {
        List<EpochRecord> history = new ArrayList<>();
        for (JsonNode e : doc.get("history")) {
            history.add(new EpochRecord(e.get("epoch").asInt(), e.get("train_loss").asDouble(), e.get("validation_loss").asDouble(),
                    e.get("learning_rate").asDouble()));
        }
        return history;
    }
}
