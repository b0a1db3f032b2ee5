package io.emuflow.ml.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.emuflow.data.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The log of a model's fine-tuning search and its outcome: the trial with the lowest validation loss (ties to the
 * earlier trial) is kept only when that loss is below the un-fine-tuned network's; otherwise the model stays as
 * trained. Selection uses validation losses alone, never the test loss.
 */
public record FineTuneLog(List<FineTuneRecord> trials, FineTuneRecord best, boolean keepFineTuned) {
    public static final String FORMAT = "emuflow-fine-tune-log/1";

    public static FineTuneLog of(List<FineTuneRecord> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no fine-tune trial records given");
        }
        List<FineTuneRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingInt(FineTuneRecord::trialIndex));
        FineTuneRecord first = sorted.get(0);
        Set<Integer> seen = new HashSet<>();
        for (FineTuneRecord r : sorted) {
            if (!r.study().equals(first.study()) || !r.model().equals(first.model())) {
                throw new IllegalArgumentException("fine-tune records of two models (" + first.study() + "/" + first.model() + ", "
                        + r.study() + "/" + r.model() + ") cannot be compared");
            }
            if (!r.baseBundleSha256().equals(first.baseBundleSha256())) {
                throw new IllegalArgumentException("fine-tune trial #" + r.trialIndex() + " started from another bundle (sha256 "
                        + r.baseBundleSha256() + ") than trial #" + first.trialIndex() + " (" + first.baseBundleSha256() + ")");
            }
            if (!seen.add(r.trialIndex())) {
                throw new IllegalArgumentException("fine-tune trial #" + r.trialIndex() + " is given twice");
            }
        }
        FineTuneRecord best = null;
        for (FineTuneRecord r : sorted) {
            if (Double.isFinite(r.validationLoss()) && (best == null || r.validationLoss() < best.validationLoss())) {
                best = r;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no fine-tune trial has a finite validation loss");
        }
        boolean keep = best.improved() && best.validationLoss() < best.baseValidationLoss();
        return new FineTuneLog(List.copyOf(sorted), best, keep);
    }

    /** The sha256 of the bundle that becomes the model: the best trial's, or the un-fine-tuned one. */
    public String chosenSha256() {
        return keepFineTuned ? best.bundleSha256() : best.baseBundleSha256();
    }

    public String json() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("study", best.study());
        doc.put("model", best.model());
        doc.put("selected_on", "validation_loss");
        doc.put("base_bundle_sha256", best.baseBundleSha256());
        doc.put("base_validation_loss", best.baseValidationLoss());
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("kept", keepFineTuned ? "fine-tuned" : "original");
        outcome.put("best_trial_index", best.trialIndex());
        outcome.put("validation_loss", keepFineTuned ? best.validationLoss() : best.baseValidationLoss());
        outcome.put("bundle_sha256", chosenSha256());
        doc.put("outcome", outcome);
        List<Map<String, Object>> all = new ArrayList<>();
        for (FineTuneRecord r : trials) {
            all.add(r.toMap());
        }
        doc.put("trials", all);
        try {
            return Json.pretty(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# Fine-tuning search: " + best.study() + " / " + best.model() + "\n\n");
        md.append("Validation loss of the network before fine-tuning: ").append(fmt(best.baseValidationLoss())).append(". ");
        if (keepFineTuned) {
            md.append("Kept: **trial ").append(best.trialIndex()).append("** (validation loss ").append(fmt(best.validationLoss()))
                    .append(").\n");
        } else {
            md.append("Kept: **the original network** (no trial beat its validation loss).\n");
        }
        md.append("Selected on validation loss only. Losses are mean squared errors of the standardised log10 target; "
                + "\"pass\" is the best validation loss the fine-tuning pass itself reached.\n\n");
        md.append("| trial | sampler | settings | epochs | pass validation loss | kept | validation loss | train loss | test loss | seconds |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (FineTuneRecord r : trials) {
            md.append("| ").append(r.trialIndex()).append(r == best && keepFineTuned ? " (best)" : "").append(" | ").append(r.sampler())
                    .append(" | ").append(r.point()).append(" | ").append(r.epochs()).append(" | ").append(fmt(r.passValidationLoss()))
                    .append(" | ").append(r.kept()).append(" | ").append(fmt(r.validationLoss())).append(" | ").append(fmt(r.trainLoss()))
                    .append(" | ").append(r.testLoss() == null ? "" : fmt(r.testLoss())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", r.seconds())).append(" |\n");
        }
        return md.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
