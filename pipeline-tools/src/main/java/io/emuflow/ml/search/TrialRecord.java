package io.emuflow.ml.search;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one hyperparameter trial leaves behind (FILE.trial.json), read back by later TPE trials and by
 * `select-best`: the point of the space, the resolved settings, the losses and mean absolute errors of the final
 * network on the training, validation and test splits (standardised log10 target, as the training loss), the date
 * it finished and the bundle's sha256. The test figures are recorded for the study log only; selection uses the
 * validation loss alone. Records written before the MAE and the date were kept read back with those as null.
 */
public record TrialRecord(String study, String model, int trialIndex, String sampler, long seed, Map<String, Object> point,
        Map<String, Object> settings, double trainLoss, double validationLoss, Double testLoss, int epochs, double seconds,
        String bundleSha256, String date, Double trainMae, Double validationMae, Double testMae) {
    public static final String FORMAT = "emuflow-trial/1";
    public static final String SUFFIX = ".trial.json";

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
        m.put("date", date);
        m.put("train_mae", trainMae);
        m.put("validation_mae", validationMae);
        m.put("test_mae", testMae);
        return m;
    }

    public void write(Path file) {
        RecordFiles.write(file, toMap());
    }

    public static TrialRecord read(Path file) {
        Map<String, Object> m = RecordFiles.read(file, FORMAT, "trial record");
        try {
                @SuppressWarnings("unchecked")
            Map<String, Object> point = (Map<String, Object>) m.get("point");
            @SuppressWarnings("unchecked")
            Map<String, Object> settings = (Map<String, Object>) m.get("settings");
            return new TrialRecord((String) m.get("study"), (String) m.get("model"), ((Number) m.get("trial_index")).intValue(),
                    (String) m.get("sampler"), ((Number) m.get("seed")).longValue(), point, settings,
                    RecordFiles.number(m.get("train_loss")), RecordFiles.number(m.get("validation_loss")),
                    m.get("test_loss") == null ? null : RecordFiles.number(m.get("test_loss")), ((Number) m.get("epochs")).intValue(),
                    RecordFiles.number(m.get("seconds")), (String) m.get("bundle_sha256"), (String) m.get("date"), RecordFiles.optionalNumber(m.get("train_mae")),
                    RecordFiles.optionalNumber(m.get("validation_mae")), RecordFiles.optionalNumber(m.get("test_mae")));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("trial record " + file + " lacks a field or has one of the wrong type", e);
        }
    }

    /**
     * The trial as one line of the study's text log, in the reference search's layout (NNPowerspectra writes
     * "DATE test_loss=..., validation loss=..., loss=..., train_mae=..., val_mae=..., test_mae=..., params={...}"):
     * "loss" is the training split's, all are of the final network, "nan" where a figure was not measured.
     */
    public String logLine() {
        StringBuilder params = new StringBuilder("{'model': '").append(model).append("', 'trial': ").append(trialIndex);
        for (Map.Entry<String, Object> e : point.entrySet()) {
            params.append(", '").append(e.getKey()).append("': ");
            params.append(e.getValue() instanceof String text ? "'" + text + "'" : String.valueOf(e.getValue()));
        }
        params.append(", 'epochs': ").append(epochs).append('}');
        return (date == null ? "-" : date) + " test_loss=" + g(testLoss) + ", validation loss=" + g(validationLoss) + ", loss="
                + g(trainLoss) + ", train_mae=" + g(trainMae) + ", val_mae=" + g(validationMae) + ", test_mae=" + g(testMae)
                + ", params=" + params;
    }

    private static String g(Double v) {
        return v == null ? "nan" : String.format(java.util.Locale.ROOT, "%.6g", v);
    }

    public TrialSampler.Observation observation() {
        return new TrialSampler.Observation(trialIndex, point, validationLoss);
    }

    /** Every *.trial.json of a directory, by file name. */
    public static List<Path> files(Path dir) {
        return RecordFiles.list(dir, SUFFIX, "trials");
    }

    /** Reads every *.trial.json of a directory. */
    public static List<TrialRecord> readAll(Path dir) {
        return RecordFiles.readAll(dir, SUFFIX, "trials", TrialRecord::read);
    }
}
