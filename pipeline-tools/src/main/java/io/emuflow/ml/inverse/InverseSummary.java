package io.emuflow.ml.inverse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One table over the models of an inverse study, read from their evaluate-inverse metrics: one row per model (for
 * the box-cnn study, one per channel combination plus the power-spectrum baseline) with its inputs and, per
 * parameter, the reference's mean and standard deviation of true - predicted, RMSE and R^2 on one split.
 */
public final class InverseSummary {
    private InverseSummary() {}

    /** The rows, as maps (model, network, inputs, split, samples, parameters: {name: {mean_error, std_error, rmse, r2}}). */
    public static List<Map<String, Object>> rows(List<JsonNode> metrics, String split) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> parameters = null;
        for (JsonNode m : metrics) {
            JsonNode s = m.path("splits").path(split);
            if (s.isMissingNode()) {
                throw new IllegalArgumentException("the metrics of model '" + m.path("model").asText() + "' have no split '" + split + "'");
            }
            List<String> names = new ArrayList<>();
            s.path("parameters").fieldNames().forEachRemaining(names::add);
            if (parameters != null && !parameters.equals(names)) {
                throw new IllegalArgumentException("model '" + m.path("model").asText() + "' predicts " + names + ", the others " + parameters);
            }
            parameters = names;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", m.path("model").asText());
            row.put("network", m.path("network").asText());
            List<String> inputs = new ArrayList<>();
            m.path("inputs").forEach(i -> inputs.add(i.asText()));
            row.put("inputs", inputs);
            row.put("split", split);
            row.put("samples", s.path("samples").asInt());
            Map<String, Object> perParameter = new LinkedHashMap<>();
            for (String p : names) {
                JsonNode pm = s.path("parameters").path(p);
                Map<String, Object> figures = new LinkedHashMap<>();
                for (String key : List.of("mean_error", "std_error", "rmse", "r2")) {
                    figures.put(key, pm.has(key) ? pm.get(key).asDouble() : Double.NaN);
                }
                perParameter.put(p, figures);
            }
            row.put("parameters", perParameter);
            rows.add(row);
        }
        return rows;
    }

    /** The rows as a Markdown table. */
    @SuppressWarnings("unchecked")
    public static String markdown(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no models to summarise");
        }
        List<String> parameters = new ArrayList<>(((Map<String, Object>) rows.get(0).get("parameters")).keySet());
        StringBuilder out = new StringBuilder("| model | network | inputs | samples |");
        StringBuilder rule = new StringBuilder("|---|---|---|---|");
        for (String p : parameters) {
            out.append(String.format(" %1$s mean(true-pred) | %1$s std(true-pred) | %1$s RMSE | %1$s R^2 |", p));
            rule.append("---|---|---|---|");
        }
        out.append('\n').append(rule).append('\n');
        for (Map<String, Object> row : rows) {
            out.append("| ").append(row.get("model")).append(" | ").append(row.get("network")).append(" | ")
                    .append(String.join(" + ", (List<String>) row.get("inputs"))).append(" | ").append(row.get("samples")).append(" |");
            Map<String, Object> perParameter = (Map<String, Object>) row.get("parameters");
            for (String p : parameters) {
                Map<String, Object> f = (Map<String, Object>) perParameter.get(p);
                out.append(String.format(Locale.ROOT, " %.4f | %.4f | %.4f | %.3f |", f.get("mean_error"), f.get("std_error"), f.get("rmse"), f.get("r2")));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
