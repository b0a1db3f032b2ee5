package io.emuflow.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage answers on a recorded store holding two runs: run A (seed 42) trained two models on one split, run B
 * (seed 7) one model on its own data.
 */
class AuditorTest {
    @TempDir
    Path dir;

    Path db;
    Chain a;
    Chain b;
    String mlpA;
    String wideA;
    String mlpB;

    @BeforeEach
    void recordTwoRuns() {
        db = dir.resolve("prov/emuflow");
        a = Chain.data(dir, 42).model("mlp", 64, 0.01);
        mlpA = Hashing.sha256(a.model);
        a.model("mlp-wide", 128, 0.005);
        wideA = Hashing.sha256(a.model);
        b = Chain.build(dir, 7, "mlp", 64, 0.02);
        mlpB = Hashing.sha256(b.model);
        try (ProvenanceStore store = ProvenanceStore.open(db, true)) {
            Recorder ra = new Recorder(store, new RunInfo("run_a", "session-a", null, "24.10.0", "1111111"));
            a.sidecars.forEach(ra::ingest);
            Recorder rb = new Recorder(store, new RunInfo("run_b", "session-b", null, "24.10.0", "1111111"));
            b.sidecars.forEach(rb::ingest);
        }
    }

    private ObjectNode verify(String outdir) {
        try (ProvenanceStore store = ProvenanceStore.open(db, false)) {
            return new Verifier(store).verify(outdir, null);
        }
    }

    private <T> T ask(Function<Auditor, T> question) {
        try (ProvenanceStore store = ProvenanceStore.open(db, false)) {
            return question.apply(new Auditor(store));
        }
    }

    @Test
    void modelLineageReachesTheSamplingSeedAndRangesWithEveryDigest() {
        ObjectNode lineage = ask(x -> x.modelLineage(x.resolveModel(mlpA.substring(0, 10))));
        assertEquals("mlp", lineage.path("model").asText());
        JsonNode s = lineage.path("summary");
        assertEquals(42, s.at("/sampling/seed").asLong());
        assertEquals(60.0, s.at("/sampling/ranges/H0/lower").asDouble());
        assertEquals(1.0, s.at("/sampling/ranges/n_s/upper").asDouble());
        assertEquals("eh-linear", s.at("/simulation/simulator").asText());
        assertEquals(2, s.at("/simulation/chunks").asInt());
        assertEquals(10, s.at("/simulation/settings/k_points").asInt());
        assertEquals(42, s.at("/split/seed").asLong());
        assertEquals("[0.7,0.15,0.15]", s.at("/split/fractions").toString());
        assertEquals("[64,64]", s.at("/training/model/hidden").toString());
        assertEquals("[\"0.1.0 (git abc1234)\"]", s.path("code").toString());
        assertEquals("[\"run_a\"]", s.path("runs").toString());

        Set<String> digests = new HashSet<>();
        List<JsonNode> steps = new ArrayList<>();
        walk(lineage.path("artifact"), digests, steps);
        Set<String> expected = new HashSet<>();
        for (Path p : List.of(a.studyYaml, a.studyJson, a.samples, a.chunks.get(0), a.chunks.get(1), a.merged, a.cleaned, a.train, a.validation)) {
            expected.add(Hashing.sha256(p));
        }
        expected.add(mlpA);
        assertEquals(expected, digests, "the lineage holds exactly the model's upstream artifacts (not test.h5, not run B's)");
        for (JsonNode step : steps) {
            assertEquals("0.1.0 (git abc1234)", step.path("tool_version").asText());
            assertEquals("abc1234", step.path("git_commit").asText());
            assertTrue(step.path("runs").get(0).asText().startsWith("run_a (session session-a)"), step.toString());
        }
        assertEquals(0.01, lineage.at("/metrics/test/max_rel_error_p99").asDouble());

        String tree = LineageTree.render(lineage);
        assertTrue(tree.contains("sampling: seed 42, 20 samples (latin-hypercube)"), tree);
        assertTrue(tree.contains("study_file: " + a.studyYaml + "  sha256 " + Hashing.sha256(a.studyYaml)), tree);
        assertTrue(tree.contains("external input"), tree);
    }

    private static void walk(JsonNode artifact, Set<String> digests, List<JsonNode> steps) {
        digests.add(artifact.path("sha256").asText());
        JsonNode step = artifact.get("produced_by");
        if (step != null) {
            steps.add(step);
            step.path("inputs").forEach(in -> walk(in, digests, steps));
        }
    }

    @Test
    void modelsResolveByNameAndBundlePathAndUnknownOnesAreNamed() {
        assertEquals(mlpA, ask(x -> x.resolveModel(dir.resolve("models-42-mlp-64/mlp").toString())));
        assertEquals(wideA, ask(x -> x.resolveModel("mlp-wide")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ask(x -> x.resolveModel("cnn"))).getMessage().contains("no model 'cnn'"));
    }

    @Test
    void datasetAnswersWhoMadeItAndWhichModelsUsedIt() {
        ObjectNode usage = ask(x -> x.datasetUsage(x.resolveArtifact(a.samples.toString())));
        assertEquals("sample", usage.at("/artifact/produced_by/step").asText());
        List<String> users = new ArrayList<>();
        usage.path("used_by").forEach(u -> users.add(u.path("step").asText()));
        assertEquals(List.of("simulate", "simulate"), users);
        Set<String> models = new HashSet<>();
        usage.path("models").forEach(m -> models.add(m.asText().split(" ")[1]));
        assertEquals(Set.of(mlpA, wideA), models);
    }

    @Test
    void runListsWhatItProduced() {
        ObjectNode run = ask(x -> x.run("run_b"));
        assertEquals(8, run.path("executions").size());
        assertTrue(run.toString().contains(mlpB));
        assertFalse(run.toString().contains(mlpA));
        assertEquals(10, ask(x -> x.run("run_a")).path("executions").size());
        assertThrows(IllegalArgumentException.class, () -> ask(x -> x.run("nope")));
    }

    @Test
    void verifyFindsMissingAndAlteredFiles() throws Exception {
        ObjectNode ok = verify(null);
        assertTrue(ok.path("ok").asBoolean(), ok.toString());
        assertEquals(16 + 13, ok.path("checked").asInt());  // outputs of run A (16) and run B (13)
        Files.writeString(a.train, "tampered");
        Files.delete(b.merged);
        ObjectNode bad = verify(null);
        assertFalse(bad.path("ok").asBoolean());
        assertEquals("[\"" + b.merged + "\"]", bad.path("missing").toString());
        assertEquals(a.train.toString(), bad.at("/altered/0/path").asText());
        assertEquals(Hashing.sha256(a.train), bad.at("/altered/0/sha256_now").asText());
        // limited to a folder, the other run's damage is out of view
        ObjectNode onlyB = verify(dir.resolve("models-7-mlp-64").toString());
        assertTrue(onlyB.path("ok").asBoolean());
        assertEquals(3, onlyB.path("checked").asInt());
    }

    @Test
    void diffOfTwoModelsOnOneSplitShowsOnlyTraining() {
        ObjectNode d = ask(x -> x.diff(mlpA, wideA));
        assertEquals("[\"sample\",\"simulate chunk 0\",\"simulate chunk 1\",\"merge\",\"clean\",\"split\"]", d.path("identical_steps").toString());
        Set<String> what = new HashSet<>();
        d.path("differences").forEach(x -> {
            assertEquals("train", x.path("step").asText());
            what.add(x.path("what").asText());
        });
        assertEquals(Set.of("settings", "data (outputs)"), what);
        assertTrue(LineageTree.render(d).contains("train: settings"));
    }

    @Test
    void diffOfModelsFromDifferentRunsShowsDataAndSeeds() {
        ObjectNode d = ask(x -> x.diff(mlpA, mlpB));
        assertEquals(0, d.path("identical_steps").size());
        boolean seed = false;
        boolean samples = false;
        for (JsonNode x : d.path("differences")) {
            if (x.path("step").asText().equals("sample") && x.path("what").asText().equals("seed")) {
                seed = x.path("a").asLong() == 42 && x.path("b").asLong() == 7;
            }
            if (x.path("step").asText().equals("sample") && x.path("what").asText().equals("data (outputs)")) {
                samples = x.at("/a/samples").asText().equals(Hashing.sha256(a.samples));
            }
        }
        assertTrue(seed && samples, d.toPrettyString());
        assertTrue(ask(x -> x.diff(mlpA, mlpA)).path("identical").asBoolean());
    }

    @Test
    void modelsOfAStudyAreOrderedByATestMetric() {
        ObjectNode m = ask(x -> x.models("pk-toy", "test_p99"));
        assertEquals("test_max_rel_error_p99", m.path("order_by").asText());
        List<String> order = new ArrayList<>();
        m.path("models").forEach(x -> order.add(x.path("sha256").asText()));
        assertEquals(List.of(wideA, mlpA, mlpB), order);
        assertEquals(0.005, m.at("/models/0/test_max_rel_error_p99").asDouble());
        String tree = LineageTree.render(m);
        assertTrue(tree.indexOf("mlp-wide") < tree.indexOf("mlp "), tree);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ask(x -> x.models("pk-toy", "test_p42")));
        assertTrue(e.getMessage().contains("max_rel_error_p99") && e.getMessage().contains("mse_log10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ask(x -> x.models("other-study", null)));
    }

    @Test
    void provJsonOfAModelHoldsItsLineageAsEntitiesActivitiesAndAgents() {
        ObjectNode doc = ask(x -> ProvExport.provJson(x, x.modelExecutions(mlpA), "t"));
        // sample, 2 simulate, merge, clean, split, train, and the evaluate that used the model
        assertEquals(8, doc.path("activity").size());
        JsonNode sample = null;
        for (JsonNode act : doc.path("activity")) {
            if (act.path("prov:label").asText().equals("sample")) {
                sample = act;
            }
        }
        assertEquals(42, sample.path("emuflow:seed").asLong());
        assertTrue(doc.path("entity").has("sha256:" + mlpA));
        assertTrue(doc.path("entity").has("sha256:" + Hashing.sha256(a.studyYaml)));
        assertFalse(doc.path("entity").has("sha256:" + mlpB));
        doc.path("used").forEach(u -> {
            assertTrue(doc.path("activity").has(u.path("prov:activity").asText()));
            assertTrue(doc.path("entity").has(u.path("prov:entity").asText()));
        });
        doc.path("wasGeneratedBy").forEach(g -> assertTrue(doc.path("entity").has(g.path("prov:entity").asText())));
        assertTrue(doc.path("agent").has("run:run_a"));
        assertEquals("prov:SoftwareAgent", doc.at("/agent/emuflow:software-0.1.0_git_abc1234_/prov:type").asText(), doc.path("agent").toString());
    }

    @Test
    void roCrateOfARunDescribesEachExecutionAndFile() {
        ObjectNode crate = ask(x -> ProvExport.roCrate(x, x.runExecutions("run_b"), "run b"));
        assertEquals("https://w3id.org/ro/crate/1.1/context", crate.path("@context").asText());
        int actions = 0;
        JsonNode train = null;
        Set<String> ids = new HashSet<>();
        for (JsonNode e : crate.path("@graph")) {
            ids.add(e.path("@id").asText());
            if (e.path("@type").asText().equals("CreateAction")) {
                actions++;
            }
            if (Hashing.sha256(b.train).equals(e.path("sha256").asText())) {
                train = e;
            }
        }
        assertEquals(8, actions);
        assertEquals("file://" + b.train, train.path("@id").asText());
        assertEquals(String.valueOf(Files.exists(b.train) ? b.train.toFile().length() : -1), train.path("contentSize").asText());
        assertEquals("https://w3id.org/ro/wfrun/process/0.5", crate.at("/@graph/1/conformsTo/0/@id").asText());
        for (JsonNode e : crate.path("@graph")) {
            e.path("object").forEach(o -> assertTrue(ids.contains(o.path("@id").asText()), o.toString()));
            e.path("result").forEach(o -> assertTrue(ids.contains(o.path("@id").asText()), o.toString()));
        }
    }
}
