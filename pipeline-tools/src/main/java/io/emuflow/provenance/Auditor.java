package io.emuflow.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers lineage questions from the store. Lineage is a JSON tree: an artifact, the step execution that
 * produced it (settings, seed, tool version, task), and recursively that execution's inputs.
 */
public final class Auditor {
    private final Connection db;

    public Auditor(ProvenanceStore store) {
        this.db = store.connection();
    }

    /** Finds a model by sha256 (or a unique prefix of it), by name (the most recent), or by the path of its bundle. */
    public String resolveModel(String id) {
        if (Files.isDirectory(Path.of(id))) {
            String sha = Hashing.sha256(Path.of(id));
            if (query("SELECT sha256 FROM model WHERE sha256 = ?", sha).isEmpty()) {
                throw new IllegalArgumentException("model bundle " + id + " (sha256 " + sha + ") is not in the provenance store");
            }
            return sha;
        }
        List<Map<String, Object>> rows = query("SELECT sha256 FROM model WHERE sha256 LIKE ?", id + "%");
        if (rows.isEmpty()) {
            rows = query("SELECT m.sha256 FROM model m JOIN step_execution e ON e.id = m.execution_id WHERE m.name = ? "
                    + "ORDER BY e.ended_utc DESC, e.id DESC", id);
            if (rows.size() > 1) {
                rows = rows.subList(0, 1);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no model '" + id + "' in the provenance store (give a sha256, a prefix, a name or a bundle path)");
        }
        if (rows.size() > 1) {
            throw new IllegalArgumentException("model id '" + id + "' is ambiguous: it matches " + rows.size() + " models");
        }
        return (String) rows.get(0).get("SHA256");
    }

    /** The full lineage of a model, back to the study file and the sampling seed. */
    public ObjectNode modelLineage(String modelSha) {
        Map<String, Object> model = query("SELECT name, study, target FROM model WHERE sha256 = ?", modelSha).get(0);
        ObjectNode root = StepProvenance.JSON.createObjectNode();
        root.put("model", (String) model.get("NAME"));
        root.put("study", (String) model.get("STUDY"));
        root.put("target", (String) model.get("TARGET"));
        root.set("artifact", artifactLineage(modelSha, "model", new HashSet<>()));
        root.set("metrics", metrics(modelSha));
        return root;
    }

    /** Which executions made an artifact and which used it, and which models descend from it. */
    public ObjectNode datasetUsage(String sha) {
        ObjectNode root = StepProvenance.JSON.createObjectNode();
        root.set("artifact", artifactLineage(sha, "dataset", new HashSet<>()));
        ArrayNode usedBy = root.putArray("used_by");
        for (Map<String, Object> row : query("SELECT e.id, e.step, i.role FROM step_input i JOIN step_execution e ON e.id = i.execution_id "
                + "WHERE i.sha256 = ? ORDER BY e.id", sha)) {
            ObjectNode use = usedBy.addObject();
            use.put("step", (String) row.get("STEP"));
            use.put("role", (String) row.get("ROLE"));
            use.put("execution", ((Number) row.get("ID")).longValue());
        }
        ArrayNode models = root.putArray("models");
        for (String m : descendantModels(sha)) {
            models.add(m);
        }
        return root;
    }

    public String resolveArtifact(String id) {
        if (Files.isRegularFile(Path.of(id)) || Files.isDirectory(Path.of(id))) {
            return Hashing.sha256(Path.of(id));
        }
        List<Map<String, Object>> rows = query("SELECT sha256 FROM artifact WHERE sha256 LIKE ?", id + "%");
        if (rows.size() != 1) {
            throw new IllegalArgumentException(rows.isEmpty() ? "no artifact '" + id + "' in the provenance store"
                    : "artifact id '" + id + "' is ambiguous");
        }
        return (String) rows.get(0).get("SHA256");
    }

    private ObjectNode artifactLineage(String sha, String role, Set<String> seen) {
        ObjectNode node = StepProvenance.JSON.createObjectNode();
        node.put("role", role);
        node.put("sha256", sha);
        List<Map<String, Object>> artifact = query("SELECT kind, bytes, shape FROM artifact WHERE sha256 = ?", sha);
        if (artifact.isEmpty()) {
            node.put("recorded", false);
            return node;
        }
        node.put("kind", (String) artifact.get(0).get("KIND"));
        node.put("bytes", ((Number) artifact.get(0).get("BYTES")).longValue());
        if (artifact.get(0).get("SHAPE") != null) {
            node.put("shape", (String) artifact.get(0).get("SHAPE"));
        }
        ArrayNode locations = node.putArray("published");
        for (Map<String, Object> loc : query("SELECT path FROM artifact_location WHERE sha256 = ? ORDER BY path", sha)) {
            locations.add((String) loc.get("PATH"));
        }
        List<Map<String, Object>> producers = query("SELECT e.*, o.path AS out_path FROM step_output o "
                + "JOIN step_execution e ON e.id = o.execution_id WHERE o.sha256 = ? ORDER BY e.id", sha);
        if (producers.isEmpty()) {
            node.put("source", "external input");
            return node;
        }
        Map<String, Object> e = producers.get(0);
        node.put("path", (String) e.get("OUT_PATH"));
        String key = sha;
        if (!seen.add(key)) {
            node.put("see_above", true);
            return node;
        }
        ObjectNode step = node.putObject("produced_by");
        long executionId = ((Number) e.get("ID")).longValue();
        step.put("step", (String) e.get("STEP"));
        step.put("execution", executionId);
        step.put("tool_version", (String) e.get("TOOL_VERSION"));
        step.put("git_commit", (String) e.get("GIT_COMMIT"));
        if (e.get("SEED") != null) {
            step.put("seed", ((Number) e.get("SEED")).longValue());
        }
        step.set("settings", parse((String) e.get("SETTINGS")));
        step.put("command_line", (String) e.get("COMMAND_LINE"));
        step.put("host", (String) e.get("HOST"));
        step.put("task_hash", (String) e.get("TASK_HASH"));
        step.put("started_utc", String.valueOf(e.get("STARTED_UTC")));
        ArrayNode runs = step.putArray("runs");
        for (Map<String, Object> r : query("SELECT r.run_name, r.session_id FROM run_step rs JOIN run r ON r.id = rs.run_id "
                + "WHERE rs.execution_id = ? ORDER BY r.id", executionId)) {
            runs.add(r.get("RUN_NAME") + " (session " + r.get("SESSION_ID") + ")");
        }
        ArrayNode inputs = step.putArray("inputs");
        for (Map<String, Object> in : query("SELECT sha256, role, path FROM step_input WHERE execution_id = ? ORDER BY role, path", executionId)) {
            ObjectNode child = artifactLineage((String) in.get("SHA256"), (String) in.get("ROLE"), seen);
            if (!child.has("path")) {
                child.put("path", (String) in.get("PATH"));
            }
            inputs.add(child);
        }
        return node;
    }

    private ObjectNode metrics(String modelSha) {
        ObjectNode out = StepProvenance.JSON.createObjectNode();
        for (Map<String, Object> m : query("SELECT split_name, metric_name, metric_value FROM metric WHERE model_sha256 = ? "
                + "ORDER BY split_name, metric_name", modelSha)) {
            ObjectNode split = out.has((String) m.get("SPLIT_NAME")) ? (ObjectNode) out.get((String) m.get("SPLIT_NAME"))
                    : out.putObject((String) m.get("SPLIT_NAME"));
            split.put((String) m.get("METRIC_NAME"), ((Number) m.get("METRIC_VALUE")).doubleValue());
        }
        return out;
    }

    private List<String> descendantModels(String sha) {
        List<String> models = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        List<String> frontier = new ArrayList<>(List.of(sha));
        while (!frontier.isEmpty()) {
            String current = frontier.remove(frontier.size() - 1);
            if (!visited.add(current)) {
                continue;
            }
            for (Map<String, Object> m : query("SELECT name, sha256 FROM model WHERE sha256 = ?", current)) {
                models.add(m.get("NAME") + " " + m.get("SHA256"));
            }
            for (Map<String, Object> out : query("SELECT o.sha256 FROM step_input i JOIN step_output o ON o.execution_id = i.execution_id "
                    + "WHERE i.sha256 = ?", current)) {
                frontier.add((String) out.get("SHA256"));
            }
        }
        return models;
    }

    /** Everything a run produced: its executions and their outputs. */
    public ObjectNode run(String runName) {
        List<Map<String, Object>> runs = query("SELECT id, session_id, outdir FROM run WHERE run_name = ?", runName);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no run '" + runName + "' in the provenance store");
        }
        ObjectNode root = StepProvenance.JSON.createObjectNode();
        root.put("run", runName);
        root.put("session_id", (String) runs.get(0).get("SESSION_ID"));
        ArrayNode steps = root.putArray("executions");
        for (Map<String, Object> e : query("SELECT e.id, e.step, e.task_hash FROM run_step rs JOIN step_execution e ON e.id = rs.execution_id "
                + "WHERE rs.run_id = ? ORDER BY e.id", runs.get(0).get("ID"))) {
            ObjectNode step = steps.addObject();
            step.put("step", (String) e.get("STEP"));
            step.put("task_hash", (String) e.get("TASK_HASH"));
            ArrayNode outputs = step.putArray("outputs");
            for (Map<String, Object> o : query("SELECT path, sha256 FROM step_output WHERE execution_id = ? ORDER BY path", e.get("ID"))) {
                outputs.add(o.get("PATH") + " " + o.get("SHA256"));
            }
        }
        return root;
    }

    /** Re-hashes every published artifact still listed; reports missing and altered files. */
    public ObjectNode verify(String outdirPrefix) {
        ObjectNode root = StepProvenance.JSON.createObjectNode();
        ArrayNode missing = root.putArray("missing");
        ArrayNode altered = root.putArray("altered");
        int checked = 0;
        for (Map<String, Object> loc : query("SELECT sha256, path FROM artifact_location ORDER BY path")) {
            String path = (String) loc.get("PATH");
            if (outdirPrefix != null && !path.startsWith(Path.of(outdirPrefix).toAbsolutePath().normalize().toString())) {
                continue;
            }
            checked++;
            Path p = Path.of(path);
            if (!Files.exists(p)) {
                missing.add(path);
            } else if (!Hashing.sha256(p).equals(loc.get("SHA256"))) {
                altered.add(path);
            }
        }
        root.put("checked", checked);
        root.put("ok", missing.isEmpty() && altered.isEmpty());
        return root;
    }

    private static JsonNode parse(String json) {
        try {
            return StepProvenance.JSON.readTree(json);
        } catch (java.io.IOException e) {
            return StepProvenance.JSON.getNodeFactory().textNode(json);
        }
    }

    private List<Map<String, Object>> query(String sql, Object... values) {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                int columns = r.getMetaData().getColumnCount();
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= columns; c++) {
                        row.put(r.getMetaData().getColumnLabel(c).toUpperCase(java.util.Locale.ROOT), r.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("provenance query failed: " + e.getMessage(), e);
        }
    }
}
