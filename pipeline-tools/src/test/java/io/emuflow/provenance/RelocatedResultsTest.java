package io.emuflow.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results folders that are copied, moved or merged (issue 19): the store records locations relative to the run's
 * output folder, so verify re-hashes every file at its new place, and one store can hold two runs' folders.
 */
class RelocatedResultsTest {
    @TempDir
    Path dir;

    private static void record(Path db, Path outdir, String runName, Chain chain) {
        try (ProvenanceStore store = ProvenanceStore.open(db, true)) {
            Recorder recorder = new Recorder(store, new RunInfo(runName, "session-" + runName, outdir.toString(), "24.10.0", "none"));
            chain.sidecars.forEach(recorder::ingest);
        }
    }

    private static ObjectNode verify(Path db, Path outdir, String recordedOutdir) {
        try (ProvenanceStore store = ProvenanceStore.open(db, false)) {
            return new Verifier(store).verify(outdir == null ? null : outdir.toString(), recordedOutdir);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void aMovedResultsFolderVerifiesAtItsNewPlaceAndNamesAnAlteredFile() throws Exception {
        Path results = dir.resolve("results");
        Chain chain = Chain.build(dir.resolve("work"), 42, "mlp", 64, 0.01);
        chain.publishTo(results);
        record(results.resolve("provenance/emuflow"), results, "run_a", chain);
        int recorded = verify(results.resolve("provenance/emuflow"), results, null).path("checked").asInt();
        assertTrue(recorded >= 10, "every published output is recorded: " + recorded);

        Path moved = dir.resolve("archive/2026/results");
        copyTree(results, moved);
        deleteTree(results); // the old place is gone: verify can only pass by looking at the new one
        Path db = moved.resolve("provenance/emuflow");
        ObjectNode ok = verify(db, moved, null);
        assertTrue(ok.path("ok").asBoolean(), ok.toPrettyString());
        assertEquals(recorded, ok.path("checked").asInt());
        assertEquals(results.toAbsolutePath().normalize().toString(), ok.path("recorded_outdir").asText());

        Path train = moved.resolve("pk-toy/split/train.h5");
        Files.writeString(train, "tampered");
        ObjectNode bad = verify(db, moved, null);
        assertFalse(bad.path("ok").asBoolean());
        assertEquals(1, bad.path("altered").size(), bad.toPrettyString());
        assertEquals(train.toAbsolutePath().normalize().toString(), bad.at("/altered/0/path").asText());

        // lineage answers still name where the files were recorded, and keep working in the copy
        try (ProvenanceStore store = ProvenanceStore.open(db, false)) {
            Auditor auditor = new Auditor(store);
            ObjectNode lineage = auditor.modelLineage(auditor.resolveModel("mlp"));
            assertEquals(42, lineage.at("/summary/sampling/seed").asLong());
        }
    }

    @Test
    void verifyThatWouldCheckNothingIsAnError() {
        Path db = dir.resolve("empty/provenance/emuflow");
        try (ProvenanceStore store = ProvenanceStore.open(db, true)) {
            // a migrated but empty store
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> verify(db, dir.resolve("empty"), null));
        assertTrue(e.getMessage().startsWith("nothing to verify: the provenance store records no file under "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> verify(db, null, null));
    }

    @Test
    void oneStoreMergedFromTwoOutputFoldersAnswersForBothAndVerifiesEach() throws Exception {
        Path first = dir.resolve("run-a");
        Path second = dir.resolve("run-b");
        Chain a = Chain.build(dir.resolve("work-a"), 42, "mlp", 64, 0.01);
        Chain b = Chain.build(dir.resolve("work-b"), 7, "mlp-wide", 128, 0.02);
        a.publishTo(first);
        b.publishTo(second);
        Path db = first.resolve("provenance/emuflow");
        record(db, first, "run_a", a);
        record(db, second, "run_b", b); // the second run's sidecars recorded into the first run's store

        try (ProvenanceStore store = ProvenanceStore.open(db, false)) {
            Auditor auditor = new Auditor(store);
            assertEquals(42, auditor.modelLineage(auditor.resolveModel("mlp")).at("/summary/sampling/seed").asLong());
            assertEquals(7, auditor.modelLineage(auditor.resolveModel("mlp-wide")).at("/summary/sampling/seed").asLong());
        }
        ObjectNode onlyFirst = verify(db, first, null);
        ObjectNode onlySecond = verify(db, second, null);
        assertTrue(onlyFirst.path("ok").asBoolean() && onlySecond.path("ok").asBoolean());
        assertEquals(verify(db, null, null).path("checked").asInt(),
                onlyFirst.path("checked").asInt() + onlySecond.path("checked").asInt());

        // a copy of the second folder: two recorded folders, so the user names which one it is
        Path copy = dir.resolve("copy-b");
        copyTree(second, copy);
        IllegalArgumentException ambiguous = assertThrows(IllegalArgumentException.class, () -> verify(db, copy, null));
        assertTrue(ambiguous.getMessage().contains("--recorded-outdir"), ambiguous.getMessage());
        ObjectNode named = verify(db, copy, second.toString());
        assertTrue(named.path("ok").asBoolean(), named.toPrettyString());
        assertEquals(onlySecond.path("checked").asInt(), named.path("checked").asInt());
    }
}
