package io.emuflow.provenance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** `audit models`: the models of a study in the store with their recorded metrics, best first by a chosen metric. */
final class ModelRanking {
    private final Auditor auditor;

    ModelRanking(Auditor auditor) {
        this.auditor = auditor;
    }

    /**
     * The models of a study with their metrics, best first by {@code orderBy} ({@code <split>_<metric>}, e.g.
     * test_max_rel_error_p99, or test_p99 when one metric of that split ends in _p99).
     */
    ObjectNode models(String study, String orderBy) {
        ObjectNode root = StepProvenance.JSON.createObjectNode();
        root.put("answer", "models");
        root.put("study", study);
        String split = null;
        String metric = null;
        if (orderBy != null) {
            int underscore = orderBy.indexOf('_');
            if (underscore < 1) {
                throw new IllegalArgumentException("--order-by '" + orderBy + "' is not <split>_<metric>, e.g. test_p99");
            }
            split = orderBy.substring(0, underscore);
            metric = metricName(split, orderBy.substring(underscore + 1));
            root.put("order_by", split + "_" + metric);
        }
        List<Map<String, Object>> rows = auditor.query("SELECT m.sha256, m.name, m.target, e.ended_utc, "
                + "(SELECT metric_value FROM metric x WHERE x.model_sha256 = m.sha256 AND x.split_name = ? AND x.metric_name = ?) AS sort_value "
                + "FROM model m JOIN step_execution e ON e.id = m.execution_id WHERE m.study = ? "
                + "ORDER BY sort_value NULLS LAST, e.ended_utc DESC, m.sha256", split, metric, study);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no models of study '" + study + "' in the provenance store");
        }
        ArrayNode models = root.putArray("models");
        for (Map<String, Object> r : rows) {
            ObjectNode m = models.addObject();
            m.put("name", (String) r.get("NAME"));
            m.put("sha256", (String) r.get("SHA256"));
            m.put("target", (String) r.get("TARGET"));
            m.put("trained_utc", String.valueOf(r.get("ENDED_UTC")));
            if (r.get("SORT_VALUE") != null) {
                m.put(root.path("order_by").asText(), ((Number) r.get("SORT_VALUE")).doubleValue());
            }
            m.set("metrics", auditor.metrics((String) r.get("SHA256")));
        }
        return root;
    }

    /** The recorded metric a user means: the exact name, or the one name ending in _suffix. */
    private String metricName(String split, String wanted) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> r : auditor.query("SELECT DISTINCT metric_name FROM metric WHERE split_name = ? ORDER BY metric_name", split)) {
            names.add((String) r.get("METRIC_NAME"));
        }
        if (names.contains(wanted)) {
            return wanted;
        }
        List<String> matches = names.stream().filter(n -> n.endsWith("_" + wanted)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw new IllegalArgumentException("no single metric '" + wanted + "' for split '" + split + "' (recorded: "
                + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
    }

}
