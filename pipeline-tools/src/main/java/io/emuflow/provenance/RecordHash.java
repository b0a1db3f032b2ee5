package io.emuflow.provenance;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The hashes behind the store's tamper evidence (migration V4, docs/provenance.md "Tamper evidence"), computed from
 * the stored columns themselves, so that {@code audit verify} catches a change to any of them and not only to the
 * stored sidecar.
 * <ul>
 * <li>A record: one step execution's columns and the rows it owns (its inputs and outputs, the models, metrics and
 * hyperparameter trials it recorded), each table's rows in key order, every value as text.</li>
 * <li>A run's chain: link 0 is the hash of the run's own row; link i = sha256(link i-1, i, record hash), over the
 * records the run used, in the order it recorded them; the run keeps the last link as its head.</li>
 * </ul>
 * Artifact rows are hashed with the record that produced them (kind and bytes; the shape is left out, since a later
 * step may fill it in), and published locations not at all: a location is a place, checked against the file there.
 */
public final class RecordHash {
    /** The columns of each table that a record covers, in a fixed order (id, not record_sha256 itself). */
    private static final String EXECUTION = "SELECT id, sidecar_sha256, step, study, tool_version, git_commit, command_line, settings, seed, "
            + "started_utc, ended_utc, host, task_hash, work_dir, sidecar, task_name FROM step_execution WHERE id = ?";
    private static final List<Owned> OWNED = List.of(
            new Owned("step_input", "SELECT i.sha256, i.role, i.path FROM step_input i WHERE i.execution_id = ? ORDER BY i.role, i.path, i.sha256"),
            new Owned("step_output", "SELECT o.sha256, o.role, o.path, a.kind, a.bytes FROM step_output o JOIN artifact a ON a.sha256 = o.sha256 "
                    + "WHERE o.execution_id = ? ORDER BY o.role, o.path, o.sha256"),
            new Owned("model", "SELECT sha256, name, study, target FROM model WHERE execution_id = ? ORDER BY sha256"),
            new Owned("metric", "SELECT model_sha256, split_name, metric_name, metric_value FROM metric WHERE execution_id = ? "
                    + "ORDER BY model_sha256, split_name, metric_name"),
            new Owned("hyperparameter_trial", "SELECT search_name, trial, hyperparameters, objective_name, objective, model_sha256 FROM hyperparameter_trial "
                    + "WHERE execution_id = ? ORDER BY search_name, trial"));
    private static final String RUN = "SELECT id, run_name, session_id, outdir, nextflow_version, pipeline_commit, recorded_utc FROM run WHERE id = ?";

    /** Rows of a table that belong to one execution, and the query that reads them in key order. */
    private record Owned(String table, String query) {
    }

    private RecordHash() {
    }

    /** The hash of one step execution's record as stored now; null if there is no such execution. */
    public static String ofExecution(Connection db, long executionId) {
        List<Map<String, Object>> row = Sql.rows(db, EXECUTION, executionId);
        if (row.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder("emuflow-record/1\n");
        append(text, "step_execution", row);
        for (Owned owned : OWNED) {
            append(text, owned.table(), Sql.rows(db, owned.query(), executionId));
        }
        return Hashing.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Link 0 of a run's chain: the hash of the run's own row. */
    public static String genesis(Connection db, long runId) {
        StringBuilder text = new StringBuilder("emuflow-run/1\n");
        append(text, "run", Sql.rows(db, RUN, runId));
        return Hashing.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The link after {@code previous} for the record at position {@code seq} (1, 2, ...) of a run. */
    public static String link(String previous, int seq, String recordSha256) {
        return Hashing.sha256((previous + "\n" + seq + "\n" + recordSha256).getBytes(StandardCharsets.UTF_8));
    }

    /** Rows as "table: column=value" lines; values as text that is the same whichever engine stored them. */
    private static void append(StringBuilder text, String table, List<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            text.append(table).append(':');
            for (Map.Entry<String, Object> e : row.entrySet()) {
                String value = canonical(e.getValue());
                // length-prefixed, so that no value can pass for a column boundary
                text.append(' ').append(e.getKey().toLowerCase(java.util.Locale.ROOT)).append('=').append(value == null ? -1 : value.length())
                        .append(':').append(value == null ? "" : value);
            }
            text.append('\n');
        }
    }

    private static String canonical(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (value instanceof Double || value instanceof Float) {
            return Double.toString(((Number) value).doubleValue());
        }
        if (value instanceof java.math.BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number n) {
            return Long.toString(n.longValue());
        }
        return value.toString().stripTrailing(); // CHAR(n) columns come back padded on some engines
    }
}
