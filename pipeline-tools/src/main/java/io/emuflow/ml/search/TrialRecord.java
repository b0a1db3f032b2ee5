package io.emuflow.ml.search;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.emuflow.data.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one hyperparameter trial leaves behind (FILE.trial.json), read back by later TPE trials and by
 * `select-best`: the point of the space, the resolved settings, the losses and the bundle's sha256.
 * The test loss is recorded for the study log only; selection uses the validation loss alone.
 */
public record TrialRecord(String study, String model, int trialIndex, String sampler, long seed, Map<String, Object> point,
        Map<String, Object> settings, double trainLoss, double validationLoss, Double testLoss, int epochs, double seconds,
        String bundleSha256) {
    public static final String FORMAT = "emuflow-trial/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("study", study);
        m.put("model", model);
        m.put("trial_index", trialIndex);
        m.put("sampler", sampler);
        m.put("seed", seed);
        m.put("point", point);
        m.put("settings", settings);
        m.put("train_loss", trainLoss);
        m.put("validation_loss", validationLoss);
        m.put("test_loss", testLoss);
        m.put("epochs", epochs);
        m.put("seconds", seconds);
        m.put("bundle_sha256", bundleSha256);
        return m;
    }

    public void write(Path file) {
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(toMap()) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TrialRecord read(Path file) {
        Map<String, Object> m;
        try {
            m = JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read trial record " + file + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(m.get("format"))) {
            throw new IllegalArgumentException(file + " is not a trial record (format " + m.get("format") + ", expected " + FORMAT + ")");
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> point = (Map<String, Object>) m.get("point");
            @SuppressWarnings("unchecked")
            Map<String, Object> settings = (Map<String, Object>) m.get("settings");
            return new TrialRecord((String) m.get("study"), (String) m.get("model"), ((Number) m.get("trial_index")).intValue(),
                    (String) m.get("sampler"), ((Number) m.get("seed")).longValue(), point, settings,
                    number(m.get("train_loss")), number(m.get("validation_loss")),
                    m.get("test_loss") == null ? null : number(m.get("test_loss")), ((Number) m.get("epochs")).intValue(),
                    number(m.get("seconds")), (String) m.get("bundle_sha256"));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("trial record " + file + " lacks a field or has one of the wrong type", e);
        }
    }

    private static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            return Double.parseDouble(s); // Jackson writes NaN/Infinity as strings
        }
        throw new ClassCastException("not a number: " + o);
    }

    public TrialSampler.Observation observation() {
        return new TrialSampler.Observation(trialIndex, point, validationLoss);
    }

    /** Reads every *.trial.json of a directory. */
    public static java.util.List<TrialRecord> readAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("trials directory " + dir + " does not exist");
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".trial.json")).sorted().map(TrialRecord::read).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
