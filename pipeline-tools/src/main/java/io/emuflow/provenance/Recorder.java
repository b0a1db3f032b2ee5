package io.emuflow.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Ingests sidecars into the store: one transaction per sidecar, idempotent (a sidecar already recorded only
 * gains a link to the current run), so re-running `record` after a failure or a resume never duplicates
 * or loses anything.
 */
public final class Recorder {
    private final Connection db;
    private final StoreTarget target;
    private final long runId;
    private final RunInfo run;

    public Recorder(ProvenanceStore store, RunInfo run) {
        this.db = store.connection();
        this.target = store.target();
        this.run = run;
        try {
            db.setAutoCommit(false);
            this.runId = upsertRun(run);
            db.commit();
        } catch (SQLException e) {
            throw ProvenanceStore.describe(e, store.target());
        }
    }

    /** @return true if the sidecar was new, false if it had been recorded before */
    public boolean ingest(Path sidecar) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(sidecar);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read sidecar " + sidecar + ": " + e.getMessage(), e);
        }
        return ingest(bytes, sidecar.toString());
    }

    /**
     * Records a sidecar given as its bytes ({@code name} says where it came from, for messages).
     *
     * @return true if the sidecar was new, false if it had been recorded before
     */
    public boolean ingest(byte[] bytes, String sidecar) {
        JsonNode doc;
        try {
            doc = StepProvenance.JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read sidecar " + sidecar + ": " + e.getMessage(), e);
        }
        if (doc == null || !StepProvenance.FORMAT.equals(doc.path("format").asText())) {
            throw new IllegalArgumentException(sidecar + " is not an EmuFlow provenance sidecar (format " + StepProvenance.FORMAT + ")");
        }
        for (String field : new String[] {"step", "study", "tool_version"}) {
            if (doc.path(field).asText("").isBlank()) {
                throw new IllegalArgumentException("sidecar " + sidecar + " lacks '" + field + "'");
            }
        }
        if (!doc.path("outputs").isArray() || doc.path("outputs").isEmpty()) {
            throw new IllegalArgumentException("sidecar " + sidecar + " lists no outputs");
        }
        String sidecarSha = Hashing.sha256(bytes);
        // a sidecar written elsewhere may hold a secret of this environment: it is recorded without it
        Secrets secrets = Secrets.fromEnvironment();
        String sidecarText = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        if (!secrets.isEmpty() && !secrets.redact(sidecarText).equals(sidecarText)) {
            doc = secrets.redact(doc);
            try {
                sidecarText = StepProvenance.JSON.writeValueAsString(doc) + "\n";
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return ingestOnce(doc, sidecarSha, sidecarText);
            } catch (SQLException | RuntimeException e) {
                try {
                    db.rollback();
                } catch (SQLException ignored) {
                    // the original failure matters more
                }
                if (e instanceof SQLException sql && isConflict(sql) && attempt < CONFLICT_ATTEMPTS) {
                    pause(attempt);
                    continue;
                }
                if (e instanceof SQLException sql && "42501".equals(sql.getSQLState())) {
                    throw ProvenanceStore.describe(sql, target);
                }
                if (ProvenanceStore.serverUnavailable(e)) {
                    // the transaction died with the connection: nothing of this sidecar is stored; the caller may retry
                    throw ProvenanceStore.describe(e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), "08006", e), target);
                }
                if (e instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException("cannot record " + sidecar + ": " + e.getMessage(), e);
            }
        }
    }

    /** How often one sidecar is tried when other recorders into the same store got in its way. */
    static final int CONFLICT_ATTEMPTS = 8;

    /** One transaction: the sidecar's rows, or nothing. */
    private boolean ingestOnce(JsonNode doc, String sidecarSha, String sidecarText) throws SQLException {
        Long existing = executionId(sidecarSha);
        boolean fresh = existing == null;
        long executionId = fresh ? insertExecution(doc, sidecarSha, sidecarText) : existing;
        if (fresh) {
            insertArtifacts(doc, executionId);
            insertModelAndMetrics(doc, executionId);
        }
        linkToRun(executionId);
        db.commit();
        return fresh;
    }

    /**
     * A transaction that lost a race with another recorder (several runs into one PostgreSQL store): a row it meant to
     * insert was inserted by the other first (unique violation, SQLSTATE 23505), or the two deadlocked (40P01) or could
     * not be serialised (40001). Trying again sees the other's rows and skips them.
     */
    static boolean isConflict(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && List.of("23505", "40P01", "40001").contains(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(20L * attempt + (long) (Math.random() * 20)); // a little jitter, so that racers part
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run row is written once: recording a run again (e.g. after a failure) changes nothing in it. */
    private long upsertRun(RunInfo info) throws SQLException {
        if (info.runName() == null || info.runName().isBlank()) {
            throw new IllegalArgumentException("a run name is needed to record sidecars");
        }
        update("INSERT INTO run (run_name, session_id, outdir, nextflow_version, pipeline_commit, recorded_utc) "
                + "SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM run WHERE run_name = ?)", info.runName(), info.sessionId(),
                info.outdir(), info.nextflowVersion(), info.pipelineCommit(), Timestamp.from(Instant.now()), info.runName());
        return ((Number) value("SELECT id FROM run WHERE run_name = ?", info.runName())).longValue();
    }

    /**
     * Appends the execution to this run's hash chain (RecordHash), unless the run already used it: position = last + 1,
     * previous link = the run's head (or the hash of the run's row for the first), and the new link becomes the head.
     * The run's row is locked first, so two recorders of one run cannot both take the same position.
     */
    private void linkToRun(long executionId) throws SQLException {
        if (!absent("run_step", "run_id = ? AND execution_id = ?", runId, executionId)) {
            return;
        }
        Object head = value("SELECT head_sha256 FROM run WHERE id = ? FOR UPDATE", runId);
        Object last = value("SELECT MAX(seq) FROM run_step WHERE run_id = ?", runId);
        int seq = last == null ? 1 : ((Number) last).intValue() + 1;
        String record = recordHash(executionId);
        String previous = head == null || seq == 1 ? RecordHash.genesis(db, runId) : ((String) head).strip();
        String link = RecordHash.link(previous, seq, record);
        update("INSERT INTO run_step (run_id, execution_id, seq, prev_sha256, link_sha256) VALUES (?, ?, ?, ?, ?)", runId, executionId, seq,
                previous, link);
        update("UPDATE run SET head_sha256 = ? WHERE id = ?", link, runId);
    }

    /**
     * The execution's record hash, computed from its stored rows and kept when it is first linked: a fresh execution,
     * or one recorded before the store had hashes (schema 3 or older), which is chained from then on as it stands.
     */
    private String recordHash(long executionId) throws SQLException {
        Object stored = value("SELECT record_sha256 FROM step_execution WHERE id = ?", executionId);
        if (stored != null) {
            return ((String) stored).strip();
        }
        String record = RecordHash.ofExecution(db, executionId);
        update("UPDATE step_execution SET record_sha256 = ? WHERE id = ?", record, executionId);
        return record;
    }

    private Long executionId(String sidecarSha) throws SQLException {
        Object id = value("SELECT id FROM step_execution WHERE sidecar_sha256 = ?", sidecarSha);
        return id == null ? null : ((Number) id).longValue();
    }

    private long insertExecution(JsonNode doc, String sidecarSha, String sidecarText) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "INSERT INTO step_execution (sidecar_sha256, step, study, tool_version, git_commit, command_line, settings, seed, "
                        + "started_utc, ended_utc, host, task_hash, work_dir, sidecar, task_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, sidecarSha);
            s.setString(2, doc.path("step").asText());
            s.setString(3, doc.path("study").asText());
            s.setString(4, doc.path("tool_version").asText());
            s.setString(5, doc.path("git_commit").asText(null));
            s.setString(6, String.join(" ", StepProvenance.JSON.convertValue(doc.path("command_line"), String[].class)));
            s.setString(7, doc.path("settings").toString());
            if (doc.hasNonNull("seed")) {
                s.setLong(8, doc.get("seed").asLong());
            } else {
                s.setNull(8, java.sql.Types.BIGINT);
            }
            s.setTimestamp(9, timestamp(doc.path("started_utc").asText(null)));
            s.setTimestamp(10, timestamp(doc.path("ended_utc").asText(null)));
            s.setString(11, doc.path("host").asText(null));
            s.setString(12, doc.path("task_hash").asText(null));
            s.setString(13, doc.path("work_dir").asText(null));
            s.setString(14, sidecarText);
            s.setString(15, doc.path("nextflow").path("task_name").asText(null));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                // H2 returns the identity column; PostgreSQL's driver returns the whole row (RETURNING *): ask by name
                return keys.getLong("id");
            }
        }
    }

    private void insertArtifacts(JsonNode doc, long executionId) throws SQLException {
        for (JsonNode input : doc.path("inputs")) {
            upsertArtifact(input);
            upsert("step_input (execution_id, sha256, role, path)", 3, executionId, input.path("sha256").asText(), input.path("role").asText(), input.path("path").asText());
        }
        for (JsonNode output : doc.path("outputs")) {
            upsertArtifact(output);
            upsert("step_output (execution_id, sha256, role, path)", 3, executionId, output.path("sha256").asText(), output.path("role").asText(), output.path("path").asText());
            Path location = location(doc, output);
            if (location != null) {
                // under the run's output folder: relative to it, with the folder kept as a note (V3 migration)
                Path outdir = run.outdir() == null ? null : Path.of(run.outdir()).toAbsolutePath().normalize();
                boolean relative = outdir != null && location.startsWith(outdir);
                upsert("artifact_location (sha256, outdir, path)", 3, output.path("sha256").asText(), relative ? outdir.toString() : "",
                        relative ? Locations.portable(outdir.relativize(location)) : location.toString());
            }
        }
    }

    /**
     * Where an output can be found later: with --outdir, where Nextflow published it
     * ({@code <outdir>/<study>/<step>/<path>}, DESIGN.md section 7, or the folder a module publishes to instead,
     * e.g. train -> models); without, where the step wrote it (an absolute path, or a path relative to the step's
     * working directory).
     */
    private Path location(JsonNode doc, JsonNode output) {
        Path written = Path.of(output.path("path").asText());
        String sha256 = output.path("sha256").asText();
        long bytes = output.path("bytes").asLong(-1);
        if (run.outdir() != null) {
            Path relative = written.isAbsolute() ? written.getFileName() : written;
            Path studyDir = Path.of(run.outdir(), doc.path("study").asText()).toAbsolutePath().normalize();
            Path byStep = studyDir.resolve(doc.path("step").asText()).resolve(relative).normalize();
            List<Path> candidates = new ArrayList<>();
            candidates.add(byStep);
            // modules publish to <study>/<folder>/ or one level deeper (search/<model>/trial_0)
            try (java.util.stream.Stream<Path> published = Files.walk(studyDir, relative.getNameCount() + 2)) {
                published.filter(p -> p.endsWith(relative) && !p.equals(byStep)).sorted().forEach(candidates::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                // no published folder yet: keep the conventional place
            }
            // The same name can exist in several folders (evaluation/mlp holds the plots of the model in models/mlp):
            // the published copy is the one with the recorded content.
            for (Path candidate : candidates) {
                if (Files.exists(candidate) && Hashing.size(candidate) == bytes && sha256.equals(Hashing.sha256(candidate))) {
                    return candidate;
                }
            }
            // not found with its recorded content (changed since?): the first place that has that name, for verify to report
            return candidates.stream().filter(Files::exists).findFirst().orElse(byStep);
        }
        if (written.isAbsolute()) {
            return written.normalize();
        }
        String workDir = doc.path("work_dir").asText(null);
        return workDir == null ? null : Path.of(workDir).resolve(written).normalize();
    }

    private void upsertArtifact(JsonNode a) throws SQLException {
        String sha = a.path("sha256").asText();
        if (sha.length() != 64) {
            throw new IllegalArgumentException("sidecar artifact " + a.path("path").asText() + " has no valid sha256");
        }
        String shape = a.has("shape") ? a.get("shape").toString() : null;
        // an artifact is described by its producer; a later step that names it as an input without a shape must not
        // erase the shape its producer recorded
        if (absent("artifact", "sha256 = ?", sha)) {
            update("INSERT INTO artifact (sha256, kind, bytes, shape) VALUES (?, ?, ?, ?)", sha, a.path("kind").asText(), a.path("bytes").asLong(), shape);
        } else if (shape != null) {
            update("UPDATE artifact SET shape = ? WHERE sha256 = ?", shape, sha);
        }
    }

    private void insertModelAndMetrics(JsonNode doc, long executionId) throws SQLException {
        // Every output of kind "model" is a model: trained (train, train-inverse, whose "model" extra names it)
        // or selected (select-best copies the best trial's bundle; its "best_trial" extra names it).
        JsonNode described = doc.has("model") ? doc.get("model") : doc.path("best_trial");
        for (JsonNode output : doc.path("outputs")) {
            // a bundle is its sha256: a selected copy of a trained bundle is the same model, recorded once
            if (output.path("kind").asText().equals("model") && executionOfModel(output.path("sha256").asText()) == null) {
                String name = described.path("name").asText(described.path("model").asText(output.path("role").asText()));
                update("INSERT INTO model (sha256, name, study, target, execution_id) VALUES (?, ?, ?, ?, ?)",
                        output.path("sha256").asText(), name, doc.path("study").asText(), described.path("target").asText(null), executionId);
            }
        }
        // a hyperparameter trial trained by `train --trial-index` (its record rides in the model extra)
        JsonNode trialRecord = doc.path("model").path("trial");
        if (trialRecord.isObject()) {
            upsert(TRIAL, 3, executionId, trialRecord.path("model").asText(), trialRecord.path("trial_index").asInt(),
                    trialRecord.path("point").toString(), "validation_loss",
                    trialRecord.hasNonNull("validation_loss") ? trialRecord.get("validation_loss").asDouble() : null,
                    trialRecord.path("bundle_sha256").asText());
        }
        for (JsonNode trial : doc.path("trials")) {
            String trialModel = trial.path("model_sha256").asText(null);
            upsert(TRIAL, 3, executionId, trial.path("search").asText("default"), trial.path("trial").asInt(), trial.path("hyperparameters").toString(),
                    trial.path("objective_name").asText(null), trial.hasNonNull("objective") ? trial.get("objective").asDouble() : null,
                    trialModel != null && !absent("artifact", "sha256 = ?", trialModel) ? trialModel : null);
        }
        JsonNode metrics = doc.get("metrics");
        if (metrics != null) {
            String modelSha = metrics.path("model_sha256").asText();
            if (executionOfModel(modelSha) == null) {
                throw new IllegalArgumentException("metrics refer to model " + modelSha + ", which is not recorded: record its train sidecar first");
            }
            for (Iterator<Map.Entry<String, JsonNode>> splits = metrics.path("splits").fields(); splits.hasNext(); ) {
                Map.Entry<String, JsonNode> split = splits.next();
                flatten(modelSha, split.getKey(), "", split.getValue(), executionId);
            }
        }
    }

    private void flatten(String modelSha, String split, String prefix, JsonNode node, long executionId) throws SQLException {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix.isEmpty() ? e.getKey() : prefix + "_" + e.getKey();
            if (e.getValue().isObject()) {
                flatten(modelSha, split, name.replace("_percentiles", ""), e.getValue(), executionId);
            } else if (e.getValue().isNumber()) {
                // the first evaluation that recorded a metric keeps it: its record's hash covers the row (RecordHash)
                if (absent("metric", "model_sha256 = ? AND split_name = ? AND metric_name = ?", modelSha, split, name)) {
                    update("INSERT INTO metric (model_sha256, split_name, metric_name, metric_value, execution_id) VALUES (?, ?, ?, ?, ?)",
                            modelSha, split, name, e.getValue().asDouble(), executionId);
                }
            }
        }
    }

    private Long executionOfModel(String sha) throws SQLException {
        Object id = value("SELECT execution_id FROM model WHERE sha256 = ?", sha);
        return id == null ? null : ((Number) id).longValue();
    }

    private static final String TRIAL =
            "hyperparameter_trial (execution_id, search_name, trial, hyperparameters, objective_name, objective, model_sha256)";

    /**
     * Writes a row whose first {@code keys} columns are its primary key: updates the other columns of the row with that
     * key, or inserts it. Portable SQL for H2 and PostgreSQL (H2's MERGE ... KEY is H2's own); safe under the single
     * writer transaction of {@link #ingest}.
     *
     * @param table "name (col1, col2, ...)"; when all columns are key columns, a row that exists is left as it is
     */
    private void upsert(String table, int keys, Object... values) throws SQLException {
        int paren = table.indexOf('(');
        String name = table.substring(0, paren).strip();
        String[] columns = table.substring(paren + 1, table.lastIndexOf(')')).split("\\s*,\\s*");
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < keys; i++) {
            where.append(i > 0 ? " AND " : "").append(columns[i].strip()).append(" = ?");
        }
        Object[] keyValues = java.util.Arrays.copyOfRange(values, 0, keys);
        if (keys < columns.length) {
            StringBuilder set = new StringBuilder();
            Object[] updateValues = new Object[values.length];
            for (int i = keys; i < columns.length; i++) {
                set.append(i > keys ? ", " : "").append(columns[i].strip()).append(" = ?");
                updateValues[i - keys] = values[i];
            }
            System.arraycopy(keyValues, 0, updateValues, columns.length - keys, keys);
            if (updateCount("UPDATE " + name + " SET " + set + " WHERE " + where, updateValues) > 0) {
                return;
            }
        } else if (!absent(name, where.toString(), keyValues)) {
            // a pure link row that exists already: nothing to write
            return;
        }
        update("INSERT INTO " + name + " (" + String.join(", ", columns) + ") VALUES (" + "?, ".repeat(columns.length - 1) + "?)", values);
    }

    /** The first column of the query's first row; null when there is no row (or the value is NULL). */
    private Object value(String sql, Object... values) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getObject(1) : null;
            }
        }
    }

    /** True if no row of {@code table} matches (so it must be inserted). */
    private boolean absent(String table, String where, Object... values) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT 1 FROM " + table + " WHERE " + where)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                return !r.next();
            }
        }
    }

    private int updateCount(String sql, Object... values) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            return s.executeUpdate();
        }
    }

    private void update(String sql, Object... values) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }

    private static Timestamp timestamp(String iso) {
        return iso == null ? null : Timestamp.from(Instant.parse(iso));
    }
}
