package io.emuflow.provenance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code audit verify}: re-hashes the recorded files where they are now. Locations are stored relative to their run's
 * output folder (migration V3), so a results folder that was copied or moved is verified at its new place:
 * {@code --outdir <copy>} resolves them against the copy.
 */
public final class Verifier {
    private final Connection db;

    public Verifier(ProvenanceStore store) {
        this.db = store.connection();
    }

    /**
     * Checks the files recorded under an output folder, or every recorded file.
     *
     * @param outdir where the results are now (null: every file at the place it was recorded)
     * @param recordedOutdir which recorded output folder {@code outdir} holds, when the store records several and
     *     none of them is {@code outdir} (a merged store, then moved); null to infer it
     * @throws IllegalArgumentException when nothing would be checked, or the folder to map is ambiguous
     */
    public ObjectNode verify(String outdir, String recordedOutdir) {
        ObjectNode root = StepProvenance.JSON.createObjectNode();
        root.put("answer", "verify");
        ArrayNode missing = root.putArray("missing");
        ArrayNode altered = root.putArray("altered");
        ArrayNode replaced = root.putArray("replaced");
        Path here = outdir == null ? null : Path.of(outdir).toAbsolutePath().normalize();
        String mapped = here == null ? null : recordedFolderOf(here, recordedOutdir);
        if (here != null) {
            root.put("outdir", here.toString());
            if (mapped != null) {
                root.put("recorded_outdir", mapped);
            }
        }
        int checked = 0;
        for (Map<String, Object> loc : Sql.rows(db, "SELECT sha256, outdir, path FROM artifact_location ORDER BY outdir, path")) {
            String recordedIn = (String) loc.get("OUTDIR");
            String path = (String) loc.get("PATH");
            Path p;
            if (here == null) {
                p = Locations.resolve(recordedIn, path);
            } else if (!recordedIn.isEmpty()) {
                if (!recordedIn.equals(mapped)) {
                    continue;
                }
                p = here.resolve(path).normalize();
            } else if (path.startsWith(here.toString())) {
                p = Path.of(path); // a store of version 1 or 2: absolute paths only
            } else {
                continue;
            }
            checked++;
            if (!Files.exists(p)) {
                missing.add(p.toString());
                continue;
            }
            String now = Hashing.sha256(p);
            if (!now.equals(loc.get("SHA256"))) {
                // another output recorded at this same place (a later run into the same outdir) replaced it
                boolean recordedHere = !Sql.rows(db, "SELECT 1 FROM artifact_location WHERE sha256 = ? AND outdir = ? AND path = ?",
                        now, recordedIn, path).isEmpty();
                ObjectNode change = recordedHere ? replaced.addObject() : altered.addObject();
                change.put("path", p.toString());
                change.put("recorded_sha256", (String) loc.get("SHA256"));
                change.put("sha256_now", now);
            }
        }
        if (checked == 0) {
            throw new IllegalArgumentException(here == null
                    ? "nothing to verify: the provenance store records no published file"
                    : "nothing to verify: the provenance store records no file under " + here
                            + " (is it the output folder of a recorded run?)");
        }
        root.put("checked", checked);
        ObjectNode records = verifyRecords();
        root.set("records", records);
        root.put("ok", missing.isEmpty() && altered.isEmpty() && records.path("altered").isEmpty() && records.path("chain").isEmpty());
        return root;
    }

    /**
     * The store's own rows (migration V4, {@link RecordHash}): every record's hash recomputed from its columns, and
     * every run's chain walked from the hash of its row to its head. Names each altered record and, per run, the first
     * place where a record was deleted, inserted or reordered.
     */
    public ObjectNode verifyRecords() {
        ObjectNode out = StepProvenance.JSON.createObjectNode();
        ArrayNode altered = out.putArray("altered");
        int checked = 0;
        int unchained = 0;
        for (Map<String, Object> e : Sql.rows(db, "SELECT id, step, study, task_name, record_sha256 FROM step_execution ORDER BY id")) {
            long id = ((Number) e.get("ID")).longValue();
            String stored = text(e.get("RECORD_SHA256"));
            if (stored == null) {
                unchained++;
                continue;
            }
            checked++;
            String now = RecordHash.ofExecution(db, id);
            if (!stored.equals(now)) {
                ObjectNode a = altered.addObject();
                a.put("execution", id);
                a.put("step", (String) e.get("STEP"));
                a.put("study", (String) e.get("STUDY"));
                if (e.get("TASK_NAME") != null) {
                    a.put("task_name", (String) e.get("TASK_NAME"));
                }
                a.put("problem", "its stored columns or the rows it owns (inputs, outputs, models, metrics, trials) changed since it was recorded");
            }
        }
        out.put("checked", checked);
        out.put("unchained", unchained);
        ArrayNode chain = out.putArray("chain");
        ObjectNode heads = out.putObject("heads");
        int runs = 0;
        for (Map<String, Object> run : Sql.rows(db, "SELECT id, run_name, head_sha256 FROM run ORDER BY id")) {
            long runId = ((Number) run.get("ID")).longValue();
            String name = (String) run.get("RUN_NAME");
            List<Map<String, Object>> links = Sql.rows(db, "SELECT l.seq, l.execution_id, l.prev_sha256, l.link_sha256, e.record_sha256, e.step "
                    + "FROM run_step l LEFT JOIN step_execution e ON e.id = l.execution_id WHERE l.run_id = ? AND l.seq IS NOT NULL ORDER BY l.seq", runId);
            String head = text(run.get("HEAD_SHA256"));
            if (links.isEmpty() && head == null) {
                continue;
            }
            runs++;
            heads.put(name, head);
            String problem = firstBreak(runId, links, head);
            if (problem != null) {
                ObjectNode b = chain.addObject();
                b.put("run", name);
                b.put("problem", problem);
            }
        }
        out.put("runs", runs);
        return out;
    }

    /** A hash column's text without the padding CHAR(64) may come back with; null stays null. */
    private static String text(Object value) {
        return value == null ? null : ((String) value).strip();
    }

    /** The first inconsistency of one run's chain, or null. */
    private String firstBreak(long runId, List<Map<String, Object>> links, String head) {
        String previous = RecordHash.genesis(db, runId);
        int expected = 1;
        for (Map<String, Object> l : links) {
            int seq = ((Number) l.get("SEQ")).intValue();
            String where = "record " + seq + " (execution " + l.get("EXECUTION_ID") + ", " + l.get("STEP") + ")";
            if (seq < expected) {
                return where + " holds a position taken by another record: a record was inserted";
            }
            if (seq > expected) {
                return "record " + expected + (seq > expected + 1 ? "-" + (seq - 1) : "") + " of the chain is missing before " + where
                        + ": deleted";
            }
            String prev = text(l.get("PREV_SHA256"));
            if (!previous.equals(prev)) {
                return seq == 1 ? "the run's own row changed since it was recorded (" + where + " starts from another hash)"
                        : where + " does not follow record " + (seq - 1) + ": a record was deleted, inserted or altered before it";
            }
            String record = text(l.get("RECORD_SHA256"));
            String link = text(l.get("LINK_SHA256"));
            if (record == null || !RecordHash.link(previous, seq, record).equals(link)) {
                return where + " does not match its link: its record hash or its link was altered";
            }
            previous = link;
            expected++;
        }
        if (!previous.equals(head)) {
            return "the run's head does not match its last link (record " + (expected - 1) + "): records were deleted from its end, "
                    + "or the head was altered";
        }
        return null;
    }

    /** The recorded output folder whose files {@code here} holds now: itself, the only one recorded, or the one named. */
    private String recordedFolderOf(Path here, String named) {
        TreeSet<String> recorded = new TreeSet<>();
        for (Map<String, Object> r : Sql.rows(db, "SELECT DISTINCT outdir FROM artifact_location WHERE outdir <> ''")) {
            recorded.add((String) r.get("OUTDIR"));
        }
        if (named != null) {
            String n = Path.of(named).toAbsolutePath().normalize().toString();
            if (!recorded.contains(n)) {
                throw new IllegalArgumentException("--recorded-outdir " + n + " is not an output folder of the store (it records "
                        + (recorded.isEmpty() ? "none" : String.join(", ", recorded)) + ")");
            }
            return n;
        }
        if (recorded.contains(here.toString())) {
            return here.toString();
        }
        if (recorded.size() == 1) {
            return recorded.first(); // the results folder was copied or moved here
        }
        if (recorded.size() > 1) {
            throw new IllegalArgumentException("the provenance store records files of " + recorded.size() + " output folders ("
                    + String.join(", ", recorded) + ") and " + here + " is none of them: name the one it is a copy of with --recorded-outdir");
        }
        return null;
    }
}
