package io.emuflow.ml.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.emuflow.data.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The study log of a hyperparameter search: every trial, and the best one chosen on validation loss only. */
public record SearchLog(List<TrialRecord> trials, TrialRecord best) {
    public static final String FORMAT = "emuflow-search-log/1";

    public static SearchLog of(List<TrialRecord> records) {
        List<TrialRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparing(TrialRecord::model).thenComparingInt(TrialRecord::trialIndex));
        String study = sorted.get(0).study();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (TrialRecord r : sorted) {
            if (!r.study().equals(study)) {
                throw new IllegalArgumentException("trial records of two studies (" + study + ", " + r.study() + ") cannot be compared");
            }
            if (!seen.add(r.model() + "#" + r.trialIndex())) {
                throw new IllegalArgumentException("trial " + r.model() + " #" + r.trialIndex() + " is given twice");
            }
        }
        TrialRecord best = null;
        for (TrialRecord r : sorted) {
            // selection uses the validation loss alone; ties go to the earlier trial
            if (Double.isFinite(r.validationLoss()) && (best == null || r.validationLoss() < best.validationLoss())) {
                best = r;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no trial has a finite validation loss");
        }
        return new SearchLog(List.copyOf(sorted), best);
    }

    public String json() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("study", best.study());
        doc.put("selected_on", "validation_loss");
        doc.put("best", Map.of("model", best.model(), "trial_index", best.trialIndex(), "validation_loss", best.validationLoss(),
                "bundle_sha256", best.bundleSha256()));
        List<Map<String, Object>> all = new ArrayList<>();
        for (TrialRecord r : trials) {
            all.add(r.toMap());
        }
        doc.put("trials", all);
        try {
            return Json.pretty(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line per trial (TrialRecord#logLine), by model and trial index: the reference search's text log. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (TrialRecord r : trials) {
            out.append(r.logLine()).append('\n');
        }
        return out.toString();
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# Hyperparameter search: " + best.study() + "\n\n");
        md.append("Selected on validation loss only: **").append(best.model()).append(" trial ").append(best.trialIndex())
                .append("** (validation loss ").append(fmt(best.validationLoss())).append(").\n");
        md.append("Losses are mean squared errors, MAE mean absolute errors, of the standardised log10 target (train loss and MAE: the "
                + "final network on the whole training split). One line per trial: search_log.txt.\n\n");
        md.append("| model | trial | sampler | settings | epochs | train loss | validation loss | test loss | train MAE | validation MAE "
                + "| test MAE | seconds | finished |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (TrialRecord r : trials) {
            md.append("| ").append(r.model()).append(" | ").append(r.trialIndex()).append(r == best ? " (best)" : "").append(" | ")
                    .append(r.sampler()).append(" | ").append(r.point()).append(" | ").append(r.epochs()).append(" | ")
                    .append(fmt(r.trainLoss())).append(" | ").append(fmt(r.validationLoss())).append(" | ")
                    .append(opt(r.testLoss())).append(" | ").append(opt(r.trainMae())).append(" | ").append(opt(r.validationMae()))
                    .append(" | ").append(opt(r.testMae())).append(" | ").append(String.format(java.util.Locale.ROOT, "%.1f", r.seconds()))
                    .append(" | ").append(r.date() == null ? "" : r.date()).append(" |\n");
        }
        return md.toString();
    }

    private static String opt(Double v) {
        return v == null ? "" : fmt(v);
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
