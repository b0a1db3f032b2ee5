package io.emuflow.provenance;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

/**
 * `record --from`: copies the runs of one store (a run's own H2 file) into another (the group's PostgreSQL store).
 * Each run is recorded again, in the order it recorded its steps, from the sidecars the source store keeps, so the
 * copy goes through the same checks, redaction and hashing as any recording, and copying twice adds nothing (a
 * sidecar is its sha256). The copied run's `recorded_utc` is the time of the copy.
 */
public final class StoreCopy {
    private StoreCopy() {
    }

    /** What a copy did: runs seen, step executions new to the target, and those it already held. */
    public record Outcome(int runs, int fresh, int known) {
    }

    public static Outcome copy(ProvenanceStore from, ProvenanceStore to) {
        Connection source = from.connection();
        int runs = 0;
        int fresh = 0;
        int known = 0;
        for (Map<String, Object> run : Sql.rows(source, "SELECT id, run_name, session_id, outdir, nextflow_version, pipeline_commit FROM run ORDER BY id")) {
            runs++;
            Recorder recorder = new Recorder(to, new RunInfo((String) run.get("RUN_NAME"), (String) run.get("SESSION_ID"), (String) run.get("OUTDIR"),
                    (String) run.get("NEXTFLOW_VERSION"), (String) run.get("PIPELINE_COMMIT")));
            // the run's own order (its chain; links from before schema 4 have none and follow by id)
            List<Map<String, Object>> steps = Sql.rows(source, "SELECT e.id, e.sidecar FROM run_step l JOIN step_execution e ON e.id = l.execution_id "
                    + "WHERE l.run_id = ? ORDER BY CASE WHEN l.seq IS NULL THEN 1 ELSE 0 END, l.seq, e.id", run.get("ID"));
            for (Map<String, Object> step : steps) {
                String name = "execution " + step.get("ID") + " of run " + run.get("RUN_NAME") + " in " + from.name();
                if (recorder.ingest(((String) step.get("SIDECAR")).getBytes(StandardCharsets.UTF_8), name)) {
                    fresh++;
                } else {
                    known++;
                }
            }
        }
        if (runs == 0) {
            throw new IllegalArgumentException("provenance database " + from.name() + " records no run: nothing to copy");
        }
        return new Outcome(runs, fresh, known);
    }
}
