package io.emuflow.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emuflow.provenance.Auditor;
import io.emuflow.provenance.ProvenanceStore;
import io.emuflow.provenance.Sql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one run produced, read from the provenance store into the model of the report template: the study, the
 * dataset (samples, cleaning, split), every evaluated model with its metrics, plots and lineage, the searches with
 * their trials, and the outputs of any other step (inference, comparisons) with their plots.
 */
public final class RunReport {
    /** Steps whose outputs have their own section; the outputs of every other step go to "more results". */
    private static final Set<String> DATASET_STEPS = Set.of("sample", "simulate", "merge", "clean", "split");
    private static final Set<String> MODEL_STEPS = Set.of("train", "train-inverse", "select-best", "evaluate", "evaluate-inverse");
    private static final long MAX_INLINE_JSON = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection db;
    private final ProvenanceStore store;
    private final Map<String, Object> run;
    private final Path recordedOutdir;
    private final Path outdirNow;
    private final List<Map<String, Object>> executions;

    private RunReport(ProvenanceStore store, String runName, Path outdirNow) {
        this.store = store;
        this.db = store.connection();
        List<Map<String, Object>> runs = rows("SELECT * FROM run WHERE run_name = ?", runName);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no run '" + runName + "' in the provenance store");
        }
        this.run = runs.get(0);
        String outdir = (String) run.get("OUTDIR");
        this.recordedOutdir = outdir == null ? null : Path.of(outdir);
        this.outdirNow = outdirNow != null ? outdirNow.toAbsolutePath().normalize() : recordedOutdir;
        this.executions = rows("SELECT e.* FROM run_step rs JOIN step_execution e ON e.id = rs.execution_id WHERE rs.run_id = ? ORDER BY e.id",
                run.get("ID"));
    }

    /** The template model of a run's report; files are read where the results are now ({@code outdirNow}, or as recorded). */
    public static Map<String, Object> model(ProvenanceStore store, String runName, Path outdirNow) {
        return new RunReport(store, runName, outdirNow).build();
    }

    /** The run's output folder as recorded (where report.html goes by default), or null. */
    public static Path recordedOutdir(ProvenanceStore store, String runName) {
        return new RunReport(store, runName, null).recordedOutdir;
    }

    private Map<String, Object> build() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", run.get("RUN_NAME"));
        m.put("recorded", String.valueOf(run.get("RECORDED_UTC")));
        m.put("outdir", outdirNow == null ? "-" : outdirNow.toString());
        m.put("nextflow", run.get("NEXTFLOW_VERSION"));
        m.put("commit", run.get("PIPELINE_COMMIT"));
        m.put("tools", new ArrayList<>(new TreeSet<>(executions.stream().map(e -> (String) e.get("TOOL_VERSION")).toList())));
        m.put("studies", studies());
        m.put("dataset", dataset());
        List<Map<String, Object>> models = models();
        m.put("models", models);
        m.put("has_models", !models.isEmpty());
        List<Map<String, Object>> searches = searches();
        m.put("searches", searches);
        m.put("has_searches", !searches.isEmpty());
        List<Map<String, Object>> more = moreResults();
        m.put("more", more);
        m.put("has_more", !more.isEmpty());
        m.put("nextflow_reports", nextflowReports());
        return m;
    }

    private List<Map<String, Object>> studies() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : executionsOf("sample")) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", e.get("STUDY"));
            s.put("seed", e.get("SEED"));
            s.put("settings", pretty((String) e.get("SETTINGS")));
            for (Map<String, Object> o : outputs(e)) {
                if ("study".equals(o.get("ROLE"))) {
                    s.put("resolved", readJson(file((String) o.get("SHA256"))));
                }
            }
            out.add(s);
        }
        return out;
    }

    private List<Map<String, Object>> dataset() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> e : executions) {
            String step = (String) e.get("STEP");
            if (!DATASET_STEPS.contains(step)) {
                continue;
            }
            for (Map<String, Object> o : outputs(e)) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("step", step);
                r.put("role", o.get("ROLE"));
                r.put("shape", o.get("SHAPE") == null ? "" : o.get("SHAPE"));
                r.put("sha", ((String) o.get("SHA256")).substring(0, 12));
                Path f = file((String) o.get("SHA256"));
                r.put("path", f == null ? "(not found)" : relative(f));
                if ("report".equals(o.get("KIND"))) {
                    r.put("details", readJson(f));
                }
                rows.add(r);
            }
        }
        return rows;
    }

    private List<Map<String, Object>> models() {
        Map<String, Map<String, Object>> models = new LinkedHashMap<>();
        for (Map<String, Object> e : executions) {
            String step = (String) e.get("STEP");
            if (!step.startsWith("evaluate")) {
                continue;
            }
            for (Map<String, Object> in : rows("SELECT i.sha256 FROM step_input i JOIN artifact a ON a.sha256 = i.sha256 "
                    + "WHERE i.execution_id = ? AND a.kind = 'model'", e.get("ID"))) {
                String sha = (String) in.get("SHA256");
                Map<String, Object> model = models.computeIfAbsent(sha, k -> newModel(k));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> plots = (List<Map<String, Object>>) model.get("plots");
                plots.addAll(plots(e));
            }
        }
        return new ArrayList<>(models.values());
    }

    private Map<String, Object> newModel(String sha) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> named = rows("SELECT name, study, target FROM model WHERE sha256 = ?", sha);
        m.put("name", named.isEmpty() ? sha.substring(0, 12) : named.get(0).get("NAME"));
        m.put("target", named.isEmpty() || named.get(0).get("TARGET") == null ? "" : named.get(0).get("TARGET"));
        m.put("sha", sha);
        m.put("sha_short", sha.substring(0, 12));
        m.put("plots", new ArrayList<Map<String, Object>>());
        // metrics: one row per metric, one column per split
        Map<String, Map<String, String>> byMetric = new TreeMap<>();
        TreeSet<String> splits = new TreeSet<>();
        for (Map<String, Object> r : rows("SELECT split_name, metric_name, metric_value FROM metric WHERE model_sha256 = ?", sha)) {
            String split = (String) r.get("SPLIT_NAME");
            splits.add(split);
            byMetric.computeIfAbsent((String) r.get("METRIC_NAME"), k -> new TreeMap<>())
                    .put(split, String.format(java.util.Locale.ROOT, "%.4g", ((Number) r.get("METRIC_VALUE")).doubleValue()));
        }
        List<String> order = new ArrayList<>(splits);
        m.put("splits", order);
        List<Map<String, Object>> metricRows = new ArrayList<>();
        byMetric.forEach((name, values) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("metric", name);
            row.put("values", order.stream().map(s -> values.getOrDefault(s, "")).toList());
            metricRows.add(row);
        });
        m.put("metrics", metricRows);
        m.put("has_metrics", !metricRows.isEmpty());
        m.put("lineage", lineage(sha));
        return m;
    }

    private List<Map<String, Object>> searches() {
        Map<String, List<Map<String, Object>>> bySearch = new TreeMap<>();
        for (Map<String, Object> e : executions) {
            for (Map<String, Object> t : rows("SELECT * FROM hyperparameter_trial WHERE execution_id = ? ORDER BY trial", e.get("ID"))) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("trial", t.get("TRIAL"));
                row.put("objective_name", t.get("OBJECTIVE_NAME"));
                Object objective = t.get("OBJECTIVE");
                row.put("objective", objective == null ? "" : String.format(java.util.Locale.ROOT, "%.5g", ((Number) objective).doubleValue()));
                row.put("hyperparameters", t.get("HYPERPARAMETERS"));
                row.put("sort", objective == null ? Double.MAX_VALUE : ((Number) objective).doubleValue());
                bySearch.computeIfAbsent((String) t.get("SEARCH_NAME"), k -> new ArrayList<>()).add(row);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        bySearch.forEach((name, trials) -> {
            trials.sort(java.util.Comparator.comparingInt(t -> ((Number) t.get("trial")).intValue()));
            Map<String, Object> best = trials.stream().min(java.util.Comparator.comparingDouble(t -> (double) t.get("sort"))).orElse(null);
            trials.forEach(t -> t.put("chosen", t == best));
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", name);
            s.put("trials", trials);
            s.put("count", trials.size());
            out.add(s);
        });
        return out;
    }

    private List<Map<String, Object>> moreResults() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : executions) {
            String step = (String) e.get("STEP");
            if (DATASET_STEPS.contains(step) || MODEL_STEPS.contains(step)) {
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("step", step);
            r.put("task", e.get("TASK_NAME") == null ? "" : e.get("TASK_NAME"));
            r.put("plots", plots(e));
            List<Map<String, Object>> files = new ArrayList<>();
            for (Map<String, Object> o : outputs(e)) {
                if ("plot".equals(o.get("KIND"))) {
                    continue;
                }
                Path f = file((String) o.get("SHA256"));
                Map<String, Object> file = new LinkedHashMap<>();
                file.put("role", o.get("ROLE"));
                file.put("path", f == null ? "(not found)" : relative(f));
                file.put("sha", ((String) o.get("SHA256")).substring(0, 12));
                if (f != null && f.toString().endsWith(".json")) {
                    file.put("json", readJson(f));
                }
                files.add(file);
            }
            r.put("files", files);
            out.add(r);
        }
        return out;
    }

    private List<Map<String, Object>> plots(Map<String, Object> execution) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> o : outputs(execution)) {
            if (!"plot".equals(o.get("KIND"))) {
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            String sha = (String) o.get("SHA256");
            p.put("role", o.get("ROLE"));
            p.put("sha", sha);
            Path f = file(sha);
            if (f != null) {
                try {
                    p.put("src", "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(f)));
                    p.put("path", relative(f));
                } catch (IOException e) {
                    p.put("missing", f.toString());
                }
            } else {
                p.put("missing", "not found under " + outdirNow);
            }
            out.add(p);
        }
        return out;
    }

    private String lineage(String modelSha) {
        List<Long> ids;
        try {
            ids = new Auditor(store).lineageExecutions(modelSha);
        } catch (RuntimeException e) {
            return "";
        }
        Map<Long, LineageGraph.Node> nodes = new LinkedHashMap<>();
        Map<String, Long> producer = new java.util.HashMap<>();
        for (long id : ids) {
            Map<String, Object> e = rows("SELECT step, task_name, seed FROM step_execution WHERE id = ?", id).get(0);
            String task = e.get("TASK_NAME") == null ? "" : (String) e.get("TASK_NAME");
            nodes.put(id, new LineageGraph.Node(id, (String) e.get("STEP") + (task.matches(".*\\(\\d+\\)$") ? task.substring(task.lastIndexOf('(')) : ""),
                    "execution " + id + (task.isEmpty() ? "" : ", " + task) + (e.get("SEED") == null ? "" : ", seed " + e.get("SEED"))));
            for (Map<String, Object> o : rows("SELECT sha256 FROM step_output WHERE execution_id = ?", id)) {
                producer.putIfAbsent((String) o.get("SHA256"), id);
            }
        }
        List<long[]> edges = new ArrayList<>();
        for (long id : ids) {
            for (Map<String, Object> in : rows("SELECT sha256 FROM step_input WHERE execution_id = ?", id)) {
                Long from = producer.get((String) in.get("SHA256"));
                if (from != null && from != id) {
                    edges.add(new long[] {from, id});
                }
            }
        }
        return LineageGraph.svg(nodes, edges);
    }

    private List<Map<String, Object>> nextflowReports() {
        List<Map<String, Object>> out = new ArrayList<>();
        String[][] reports = {{"execution report", "pipeline_info/execution_report.html"}, {"timeline", "pipeline_info/execution_timeline.html"},
            {"trace", "pipeline_info/execution_trace.txt"}, {"DAG", "pipeline_info/pipeline_dag.mmd"}};
        for (String[] r : reports) {
            out.add(Map.of("name", r[0], "href", r[1]));
        }
        return out;
    }

    // ---- the store ----

    private List<Map<String, Object>> executionsOf(String step) {
        return executions.stream().filter(e -> step.equals(e.get("STEP"))).toList();
    }

    private List<Map<String, Object>> outputs(Map<String, Object> execution) {
        return rows("SELECT o.role, o.sha256, a.kind, a.shape FROM step_output o JOIN artifact a ON a.sha256 = o.sha256 "
                + "WHERE o.execution_id = ? ORDER BY o.role", execution.get("ID"));
    }

    /** Where an artifact is now: under the results folder's present place when recorded there, else as recorded. */
    private Path file(String sha) {
        for (Map<String, Object> loc : rows("SELECT outdir, path FROM artifact_location WHERE sha256 = ? ORDER BY outdir DESC, path", sha)) {
            String outdir = (String) loc.get("OUTDIR");
            String path = (String) loc.get("PATH");
            Path p = outdir.isEmpty() ? Path.of(path)
                    : (recordedOutdir != null && Path.of(outdir).equals(recordedOutdir) && outdirNow != null ? outdirNow : Path.of(outdir)).resolve(path);
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }

    private String relative(Path f) {
        return outdirNow != null && f.startsWith(outdirNow) ? outdirNow.relativize(f).toString() : f.toString();
    }

    private static String readJson(Path f) {
        if (f == null || !Files.isRegularFile(f)) {
            return null;
        }
        try {
            if (Files.size(f) > MAX_INLINE_JSON) {
                return "(" + Files.size(f) + " bytes: see " + f.getFileName() + ")";
            }
            return pretty(Files.readString(f));
        } catch (IOException e) {
            return null;
        }
    }

    private static String pretty(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node.toPrettyString();
        } catch (IOException | RuntimeException e) {
            return json;
        }
    }

    private List<Map<String, Object>> rows(String sql, Object... values) {
        return Sql.rows(db, sql, values);
    }
}
