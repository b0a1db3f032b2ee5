package io.emuflow.provenance;

import static io.emuflow.testing.Cli.emuflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emuflow.testing.Cli.Result;
import io.emuflow.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record, audit and export commands as users run them: exit codes, one-line errors, tree and JSON output. */
class AuditCliTest {
    @TempDir
    Path dir;

    Path db;
    Chain chain;

    @BeforeEach
    void record() {
        db = dir.resolve("results/provenance/emuflow");
        chain = Chain.data(dir, 42).model("mlp", 64, 0.012).model("mlp-wide", 128, 0.007);
        List<String> args = new ArrayList<>(List.of("record", "--db", db.toString(), "--run-name", "happy_turing", "--session-id", "s-1"));
        chain.sidecars.forEach(s -> args.add(s.toString()));
        Result r = emuflow(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void auditModelPrintsATreeOrJson() throws Exception {
        Result tree = emuflow("audit", "model", "mlp-wide", "--db", db.toString());
        assertEquals(0, tree.exit(), tree.err());
        assertTrue(tree.out().startsWith("model mlp-wide  sha256 " + Hashing.sha256(chain.model)), tree.out());
        assertTrue(tree.out().contains("sampling: seed 42"), tree.out());
        Result json = emuflow("audit", "model", "mlp-wide", "--db", db.toString(), "--json");
        JsonNode node = StepProvenance.JSON.readTree(json.out());
        assertEquals(42, node.at("/summary/sampling/seed").asLong());
        Files.writeString(Path.of("target", "audit-example.txt"), "$ emuflow audit model mlp-wide\n" + tree.out()
                + "\n$ emuflow audit models --study pk-toy --order-by test_p99\n"
                + emuflow("audit", "models", "--study", "pk-toy", "--order-by", "test_p99", "--db", db.toString()).out()
                + "\n$ emuflow audit diff mlp mlp-wide\n" + emuflow("audit", "diff", "mlp", "mlp-wide", "--db", db.toString()).out());
    }

    @Test
    void verifyExitsNonZeroWhenAFileChanged() throws Exception {
        assertEquals(0, emuflow("audit", "verify", "--db", db.toString()).exit());
        Files.writeString(chain.cleaned, "changed");
        Result r = emuflow("audit", "verify", "--db", db.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("altered  " + chain.cleaned), r.out());
    }

    @Test
    void exportWritesADocumentAndRefusesUnknownFormats() throws Exception {
        Path crate = dir.resolve("crate/ro-crate-metadata.json");
        Result r = emuflow("export", "--db", db.toString(), "--format", "ro-crate", "--out", crate.toString(), "run", "happy_turing");
        assertEquals(0, r.exit(), r.err());
        assertEquals("https://w3id.org/ro/crate/1.1/context", StepProvenance.JSON.readTree(crate.toFile()).path("@context").asText());
        Result prov = emuflow("export", "--db", db.toString(), "--format", "prov-json", "model", "mlp");
        assertEquals(0, prov.exit(), prov.err());
        assertTrue(StepProvenance.JSON.readTree(prov.out()).path("activity").size() >= 7);
        Result bad = emuflow("export", "--db", db.toString(), "--format", "pdf", "run", "happy_turing");
        assertTrue(bad.exit() != 0 && bad.err().contains("unknown format 'pdf'"), bad.err());
    }

    @Test
    void errorsAreOneLineWithANonZeroExit() {
        Result missing = emuflow("audit", "model", "mlp", "--db", dir.resolve("nowhere/emuflow").toString());
        assertEquals(2, missing.exit());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().startsWith("model: error: no provenance database at"), missing.err());
        Result unknown = emuflow("audit", "model", "cnn", "--db", db.toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("no model 'cnn'"), unknown.err());
        Result badSidecar = emuflow("record", "--db", db.toString(), "--run-name", "r2", dir.toString() + "/none.prov.json",
                chain.sidecars.get(0).toString());
        assertEquals(2, badSidecar.exit());
        assertTrue(badSidecar.err().contains("1 of 2 sidecars were not recorded (the others were)"), badSidecar.err());
    }

    @Test
    void verifyOfACopiedResultsFolderFindsItsStoreFromOutdirAlone() throws Exception {
        Path results = dir.resolve("published");
        chain.publishTo(results);
        Path store = results.resolve("provenance/emuflow");
        List<String> args = new ArrayList<>(List.of("record", "--db", store.toString(), "--run-name", "copy_me", "--outdir", results.toString()));
        chain.sidecars.forEach(s -> args.add(s.toString()));
        assertEquals(0, emuflow(args.toArray(String[]::new)).exit());
        Path copy = dir.resolve("elsewhere/published");
        try (var walk = Files.walk(results)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Files.createDirectories(copy.resolve(results.relativize(p).toString()).getParent());
                Files.copy(p, copy.resolve(results.relativize(p).toString()));
            }
        }
        Result ok = emuflow("audit", "verify", "--outdir", copy.toString());
        assertEquals(0, ok.exit(), ok.err() + ok.out());
        assertTrue(ok.out().contains("all present and unchanged"), ok.out());
        assertTrue(ok.out().contains("results folder " + copy.toAbsolutePath() + ", recorded at " + results.toAbsolutePath()), ok.out());

        Files.writeString(copy.resolve("pk-toy/merge/merged.h5"), "altered");
        Result bad = emuflow("audit", "verify", "--outdir", copy.toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.out().contains("altered  " + copy.toAbsolutePath().resolve("pk-toy/merge/merged.h5")), bad.out());

        // a store that records nothing there: one line, non-zero, not "checked 0 files: all present"
        Result none = emuflow("audit", "verify", "--db", db.toString(), "--outdir", dir.resolve("nowhere").toString());
        assertTrue(none.exit() != 0);
        assertTrue(none.err().strip().startsWith("verify: error: nothing to verify"), none.err());
        assertEquals(1, none.err().strip().lines().count(), none.err());
    }
}
