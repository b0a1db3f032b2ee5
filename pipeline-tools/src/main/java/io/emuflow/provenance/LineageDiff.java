package io.emuflow.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `audit diff`: what differs between the lineages of two models, step by step (sample, simulate per chunk, merge,
 * clean, split, train, evaluate): data (input and output digests), settings and seeds, code (tool version and git
 * commit). Steps that are the very same execution in both lineages are listed as identical.
 */
final class LineageDiff {
    private final Auditor auditor;

    LineageDiff(Auditor auditor) {
        this.auditor = auditor;
    }

    ObjectNode diff(String modelA, String modelB) {
        Map<String, ObjectNode> a = executionsByKey(auditor.lineageExecutions(modelA));
        Map<String, ObjectNode> b = executionsByKey(auditor.lineageExecutions(modelB));
        ObjectNode root = StepProvenance.JSON.createObjectNode();
        root.put("answer", "diff");
        root.put("a", modelA);
        root.put("b", modelB);
        ArrayNode same = root.putArray("identical_steps");
        ArrayNode differences = root.putArray("differences");
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(java.util.Comparator.comparingInt(LineageDiff::stepRank).thenComparing(k -> k));
        keys.addAll(a.keySet());
        keys.addAll(b.keySet());
        for (String key : keys) {
            ObjectNode x = a.get(key);
            ObjectNode y = b.get(key);
            if (x == null || y == null) {
                ObjectNode d = differences.addObject();
                d.put("step", key);
                d.put("what", "only in " + (x == null ? "b" : "a"));
                continue;
            }
            if (x.path("execution").equals(y.path("execution"))) {
                same.add(key);
                continue;
            }
            boolean differs = false;
            for (String field : new String[] {"inputs", "outputs", "settings", "seed", "tool_version", "git_commit"}) {
                if (!x.path(field).equals(y.path(field))) {
                    ObjectNode d = differences.addObject();
                    d.put("step", key);
                    d.put("what", field.equals("inputs") || field.equals("outputs") ? "data (" + field + ")"
                            : field.equals("tool_version") || field.equals("git_commit") ? "code (" + field + ")" : field);
                    d.set("a", x.path(field));
                    d.set("b", y.path(field));
                    differs = true;
                }
            }
            if (!differs) {
                same.add(key);
            }
        }
        root.put("identical", differences.isEmpty() && modelA.equals(modelB));
        return root;
    }

    private static final List<String> STEP_ORDER = List.of("sample", "simulate", "merge", "clean", "split", "train", "evaluate");

    private static int stepRank(String key) {
        int rank = STEP_ORDER.indexOf(key.split(" ")[0]);
        return rank < 0 ? STEP_ORDER.size() : rank;
    }

    /** Executions keyed by step (and chunk, for simulate), with what a diff compares. */
    private Map<String, ObjectNode> executionsByKey(List<Long> executions) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (long id : executions) {
            Map<String, Object> e = auditor.query("SELECT step, seed, settings, tool_version, git_commit FROM step_execution WHERE id = ?", id).get(0);
            JsonNode settings = Auditor.parse((String) e.get("SETTINGS"));
            String key = (String) e.get("STEP") + (settings.has("chunk") ? " chunk " + settings.get("chunk").asText() : "");
            ObjectNode node = StepProvenance.JSON.createObjectNode();
            node.put("execution", id);
            node.set("settings", settings);
            if (e.get("SEED") != null) {
                node.put("seed", ((Number) e.get("SEED")).longValue());
            }
            node.put("tool_version", (String) e.get("TOOL_VERSION"));
            node.put("git_commit", (String) e.get("GIT_COMMIT"));
            for (String table : new String[] {"inputs", "outputs"}) {
                ObjectNode artifacts = node.putObject(table);
                String sql = "SELECT role, path, sha256 FROM step_" + table.substring(0, table.length() - 1) + " WHERE execution_id = ? ORDER BY role, path";
                List<Map<String, Object>> rows = auditor.query(sql, id);
                for (Map<String, Object> row : rows) {
                    String role = (String) row.get("ROLE");
                    // a role held by several files (merge's chunks) names each of them by file
                    boolean repeated = rows.stream().filter(r -> role.equals(r.get("ROLE"))).count() > 1;
                    String name = repeated ? role + " " + Path.of((String) row.get("PATH")).getFileName() : role;
                    artifacts.put(name, (String) row.get("SHA256"));
                }
            }
            out.put(key, node);
        }
        return out;
    }

}
