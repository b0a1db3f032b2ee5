package io.emuflow.ml.search;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one fine-tuning trial leaves behind (FILE.fine_tune.json): the point of the fine-tune space, the settings
 * used, the bundle it started from, the validation loss before, during and after the pass, and which weights it
 * kept ({@code fine-tuned}, or {@code original} when the pass did not beat the trained network). Later TPE trials
 * learn from {@code passValidationLoss} (the pass's own best, which can be worse than the original); selection uses
 * {@code validationLoss}, the loss of the kept weights, and never the test loss.
 */
public record FineTuneRecord(String study, String model, int trialIndex, String sampler, long seed, Map<String, Object> point,
        Map<String, Object> settings, String baseBundleSha256, double baseValidationLoss, double passValidationLoss,
        double validationLoss, double trainLoss, Double testLoss, boolean improved, int epochs, double seconds, String bundleSha256) {
    public static final String FORMAT = "emuflow-fine-tune-trial/1";
    public static final String SUFFIX = ".fine_tune.json";

    /** Which weights the trial's bundle holds. */
    public String kept() {
        return improved ? "fine-tuned" : "original";
    }

    /** The trial as the TPE sampler sees it. */
    public TrialSampler.Observation observation() {
        return new TrialSampler.Observation(trialIndex, point, passValidationLoss);
    }

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
        m.put("base_bundle_sha256", baseBundleSha256);
        m.put("base_validation_loss", baseValidationLoss);
        m.put("pass_validation_loss", passValidationLoss);
        m.put("validation_loss", validationLoss);
        m.put("train_loss", trainLoss);
        m.put("test_loss", testLoss);
        m.put("improved", improved);
        m.put("kept", kept());
        m.put("epochs", epochs);
        m.put("seconds", seconds);
        m.put("bundle_sha256", bundleSha256);
        return m;
    }

    public void write(Path file) {
        RecordFiles.write(file, toMap());
    }

    @SuppressWarnings("unchecked")
    public static FineTuneRecord read(Path file) {
        Map<String, Object> m = RecordFiles.read(file, FORMAT, "fine-tune record");
        try {
            return new FineTuneRecord((String) m.get("study"), (String) m.get("model"), ((Number) m.get("trial_index")).intValue(),
                    (String) m.get("sampler"), ((Number) m.get("seed")).longValue(), (Map<String, Object>) m.get("point"),
                    (Map<String, Object>) m.get("settings"), (String) m.get("base_bundle_sha256"), RecordFiles.number(m.get("base_validation_loss")),
                    RecordFiles.number(m.get("pass_validation_loss")), RecordFiles.number(m.get("validation_loss")), RecordFiles.number(m.get("train_loss")),
                    RecordFiles.optionalNumber(m.get("test_loss")), (Boolean) m.get("improved"),
                    ((Number) m.get("epochs")).intValue(), RecordFiles.number(m.get("seconds")), (String) m.get("bundle_sha256"));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("fine-tune record " + file + " lacks a field or has one of the wrong type", e);
        }
    }

    /** The FILE.fine_tune.json files of a directory, by file name. */
    public static List<Path> files(Path dir) {
        return RecordFiles.list(dir, SUFFIX, "fine-tune trials");
    }

    /** Every FILE.fine_tune.json of a directory, by file name. */
    public static List<FineTuneRecord> readAll(Path dir) {
        return RecordFiles.readAll(dir, SUFFIX, "fine-tune trials", FineTuneRecord::read);
    }
}
