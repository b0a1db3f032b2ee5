package io.emuflow.provenance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
        root.put("ok", missing.isEmpty() && altered.isEmpty());
        return root;
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
