package io.emuflow.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
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
        root.put("answer", "model");
        root.put("model", (String) model.get("NAME"));
        root.put("sha256", modelSha);
        root.put("study", (String) model.get("STUDY"));
        root.put("target", (String) model.get("TARGET"));
        root.set("summary", summary(lineageExecutions(modelSha)));
        root.set("artifact", artifactLineage(modelSha, "model", new HashSet<>()));
        root.set("metrics", metrics(modelSha));
        return root;
    }

    /** Which executions made an artifact and which used it, and which models descend from it. */
    public ObjectNode datasetUsage(String sha) {
        ObjectNode root = StepProvenance.JSON.createObjectNode();
        root.put("answer", "dataset");
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
        for (Map<String, Object> loc : query("SELECT path FROM artifact_place WHERE sha256 = ? ORDER BY path", sha)) {
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
        if (e.get("TASK_NAME") != null) {
            step.put("task_name", (String) e.get("TASK_NAME"));
        }
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

    ObjectNode metrics(String modelSha) {
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
        root.put("answer", "run");
        root.put("run", runName);
        root.put("session_id", (String) runs.get(0).get("SESSION_ID"));
        root.put("outdir", (String) runs.get(0).get("OUTDIR"));
        ArrayNode steps = root.putArray("executions");
        for (Map<String, Object> e : query("SELECT e.id, e.step, e.task_hash FROM run_step rs JOIN step_execution e ON e.id = rs.execution_id "
                + "WHERE rs.run_id = ? ORDER BY e.id", runs.get(0).get("ID"))) {
            ObjectNode step = steps.addObject();
            step.put("step", (String) e.get("STEP"));
            step.put("execution", ((Number) e.get("ID")).longValue());
            step.put("task_hash", (String) e.get("TASK_HASH"));
            ArrayNode outputs = step.putArray("outputs");
            for (Map<String, Object> o : query("SELECT role, path, sha256 FROM step_output WHERE execution_id = ? ORDER BY path", e.get("ID"))) {
                ObjectNode out = outputs.addObject();
                out.put("role", (String) o.get("ROLE"));
                out.put("path", (String) o.get("PATH"));
                out.put("sha256", (String) o.get("SHA256"));
                String outdir = (String) runs.get(0).get("OUTDIR");
                for (Map<String, Object> loc : query("SELECT path FROM artifact_place WHERE sha256 = ? ORDER BY path", o.get("SHA256"))) {
                    String where = (String) loc.get("PATH");
                    if (!out.has("published") || (outdir != null && where.startsWith(Path.of(outdir).toAbsolutePath().normalize().toString()))) {
                        out.put("published", where);
                    }
                }
            }
        }
        return root;
    }

    /** Every execution upstream of an artifact (its producer, the producers of that one's inputs, ...), by id. */
    public List<Long> lineageExecutions(String sha) {
        java.util.TreeSet<Long> executions = new java.util.TreeSet<>();
        Set<String> visited = new HashSet<>();
        List<String> frontier = new ArrayList<>(List.of(sha));
        while (!frontier.isEmpty()) {
            String current = frontier.remove(frontier.size() - 1);
            if (!visited.add(current)) {
                continue;
            }
            for (Map<String, Object> p : query("SELECT execution_id FROM step_output WHERE sha256 = ? ORDER BY execution_id", current)) {
                long id = ((Number) p.get("EXECUTION_ID")).longValue();
                // the first producer is the lineage (a later identical output, e.g. a re-run, adds nothing)
                if (executions.add(id)) {
                    for (Map<String, Object> in : query("SELECT sha256 FROM step_input WHERE execution_id = ?", id)) {
                        frontier.add((String) in.get("SHA256"));
                    }
                }
                break;
            }
        }
        return new ArrayList<>(executions);
    }

    /** The facts a reader wants first: sampling seed and ranges, simulator and settings, split, training, code and runs. */
    private ObjectNode summary(List<Long> executions) {
        ObjectNode out = StepProvenance.JSON.createObjectNode();
        java.util.TreeSet<String> code = new java.util.TreeSet<>();
        java.util.TreeSet<String> runs = new java.util.TreeSet<>();
        for (long id : executions) {
            Map<String, Object> e = query("SELECT step, seed, settings, tool_version, git_commit FROM step_execution WHERE id = ?", id).get(0);
            JsonNode settings = parse((String) e.get("SETTINGS"));
            String tool = (String) e.get("TOOL_VERSION");
            code.add(e.get("GIT_COMMIT") == null || tool.contains((String) e.get("GIT_COMMIT")) ? tool : tool + " (git " + e.get("GIT_COMMIT") + ")");
            for (Map<String, Object> r : query("SELECT r.run_name FROM run_step rs JOIN run r ON r.id = rs.run_id WHERE rs.execution_id = ?", id)) {
                runs.add((String) r.get("RUN_NAME"));
            }
            switch ((String) e.get("STEP")) {
                case "sample" -> {
                    ObjectNode sampling = out.putObject("sampling");
                    putSeed(sampling, e);
                    sampling.set("method", settings.path("method"));
                    sampling.set("samples", settings.path("samples"));
                    sampling.set("derived_seed", settings.path("derived_seed"));
                    sampling.set("ranges", settings.path("ranges"));
                    if (settings.has("table")) { // the table simulator: the data are rows of a table made elsewhere
                        ObjectNode origin = out.putObject("origin");
                        origin.set("table", settings.path("table"));
                        origin.set("sha256", settings.path("table_sha256"));
                        origin.set("rows", settings.path("table_rows"));
                        origin.put("answer", "sampled rows " + settings.path("table_rows").asText() + " of table "
                                + settings.path("table").asText() + " (sha256 " + settings.path("table_sha256").asText()
                                + "); the split step's seed picks the training rows among them");
                    }
                }
                case "simulate" -> {
                    ObjectNode simulation = out.has("simulation") ? (ObjectNode) out.get("simulation") : out.putObject("simulation");
                    simulation.set("simulator", settings.path("simulator"));
                    simulation.set("settings", settings.path("simulator_settings"));
                    simulation.put("chunks", simulation.path("chunks").asInt() + 1);
                }
                case "clean" -> out.putObject("cleaning").setAll(objectOf(settings));
                case "split" -> {
                    ObjectNode split = out.putObject("split");
                    putSeed(split, e);
                    split.setAll(objectOf(settings));
                }
                case "train" -> {
                    ObjectNode training = out.putObject("training");
                    putSeed(training, e);
                    training.setAll(objectOf(settings));
                }
                default -> { }
            }
        }
        ArrayNode codeNode = out.putArray("code");
        code.forEach(codeNode::add);
        ArrayNode runNode = out.putArray("runs");
        runs.forEach(runNode::add);
        return out;
    }

    private static void putSeed(ObjectNode node, Map<String, Object> execution) {
        if (execution.get("SEED") != null) {
            node.put("seed", ((Number) execution.get("SEED")).longValue());
        }
    }

    private static ObjectNode objectOf(JsonNode node) {
        return node instanceof ObjectNode o ? o : StepProvenance.JSON.createObjectNode();
    }

    /** What differs between the lineages of two models: data (artifact digests), settings and seeds, code. */
    public ObjectNode diff(String modelA, String modelB) {
        return new LineageDiff(this).diff(modelA, modelB);
    }

    /**
     * The models of a study with their metrics, best first by {@code orderBy} ({@code <split>_<metric>}, e.g.
     * test_max_rel_error_p99, or test_p99 when one metric of that split ends in _p99).
     */
    public ObjectNode models(String study, String orderBy) {
        return new ModelRanking(this).models(study, orderBy);
    }

    /** One execution's row, for export. */
    Map<String, Object> execution(long id) {
        return query("SELECT * FROM step_execution WHERE id = ?", id).get(0);
    }

    List<Map<String, Object>> artifactsOf(long executionId, String table) {
        return query("SELECT x.role, x.path, x.sha256, a.kind, a.bytes, a.shape, "
                + "(SELECT MIN(l.path) FROM artifact_place l WHERE l.sha256 = x.sha256) AS location "
                + "FROM step_" + table + " x JOIN artifact a ON a.sha256 = x.sha256 WHERE x.execution_id = ? ORDER BY x.role, x.path", executionId);
    }

    List<Map<String, Object>> runsOf(long executionId) {
        return query("SELECT r.* FROM run_step rs JOIN run r ON r.id = rs.run_id WHERE rs.execution_id = ? ORDER BY r.id", executionId);
    }

    /** The executions of a run, by id. */
    public List<Long> runExecutions(String runName) {
        List<Map<String, Object>> runs = query("SELECT id FROM run WHERE run_name = ?", runName);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no run '" + runName + "' in the provenance store");
        }
        List<Long> out = new ArrayList<>();
        for (Map<String, Object> r : query("SELECT execution_id FROM run_step WHERE run_id = ? ORDER BY execution_id", runs.get(0).get("ID"))) {
            out.add(((Number) r.get("EXECUTION_ID")).longValue());
        }
        return out;
    }

    /** A model's lineage plus the executions that evaluated it. */
    public List<Long> modelExecutions(String modelSha) {
        java.util.TreeSet<Long> out = new java.util.TreeSet<>(lineageExecutions(modelSha));
        for (Map<String, Object> r : query("SELECT execution_id FROM step_input WHERE sha256 = ?", modelSha)) {
            out.add(((Number) r.get("EXECUTION_ID")).longValue());
        }
        return new ArrayList<>(out);
    }

    static JsonNode parse(String json) {
        try {
            return StepProvenance.JSON.readTree(json);
        } catch (java.io.IOException e) {
            return StepProvenance.JSON.getNodeFactory().textNode(json);
        }
    }

    List<Map<String, Object>> query(String sql, Object... values) {
        return Sql.rows(db, sql, values);
    }
}
