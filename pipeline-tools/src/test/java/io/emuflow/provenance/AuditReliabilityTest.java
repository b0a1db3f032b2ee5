package io.emuflow.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the audit of a real `-profile test` output folder showed wrong, as tests: outputs published under the
 * folders the modules use (train -> models, evaluate -> evaluation/<model>), two runs into one outdir, and the
 * tree naming each file where it is now and each step's git commit.
 */
class AuditReliabilityTest {
    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("results/provenance/emuflow");
    }

    private Path outdir() {
        return dir.resolve("results");
    }

    /** Copies every output of a chain to where the pipeline's modules publish it. */
    private void publish(Chain chain) {
        chain.publishTo(outdir());
    }

    private void record(String runName, Chain chain) {
        try (ProvenanceStore store = ProvenanceStore.open(db(), true)) {
            Recorder recorder = new Recorder(store, new RunInfo(runName, "session-" + runName, outdir().toString(), "24.10.0", "none"));
            chain.sidecars.forEach(recorder::ingest);
        }
    }

    private List<String> locations(String sha) {
        try (ProvenanceStore store = ProvenanceStore.open(db(), false)) {
            return Db.rows(store.connection(), "SELECT path FROM artifact_place WHERE sha256 = ?", sha);
        }
    }

    private ObjectNode verify(String outdir) {
        try (ProvenanceStore store = ProvenanceStore.open(db(), false)) {
            return new Verifier(store).verify(outdir, null);
        }
    }

    private <T> T ask(Function<Auditor, T> question) {
        try (ProvenanceStore store = ProvenanceStore.open(db(), false)) {
            return question.apply(new Auditor(store));
        }
    }

    @Test
    void aModelBundleIsLocatedInModelsNotInTheEvaluationFolderOfTheSameName() {
        Chain chain = Chain.build(dir, 42, "mlp", 64, 0.01);
        publish(chain);
        // the evaluate module writes <model>/metrics.json and <model>/*.png: evaluation/mlp exists too, and sorts before models/mlp
        Chain.write(outdir().resolve("pk-toy/evaluation/mlp/metrics.json"), "{}");
        record("run_a", chain);
        String model = Hashing.sha256(chain.model);
        assertEquals(List.of(outdir().resolve("pk-toy/models/mlp").toAbsolutePath().toString()),
                locations(model));
        ObjectNode verify = verify(null);
        assertTrue(verify.path("ok").asBoolean(), verify.toString());
    }

    @Test
    void aSecondRunIntoTheSameOutdirReplacesFilesWithoutAlteringThem() throws Exception {
        Chain first = Chain.build(dir, 42, "mlp", 64, 0.01);
        publish(first);
        record("run_a", first);
        Chain second = Chain.build(dir, 7, "mlp", 64, 0.02);
        publish(second);
        record("run_b", second);

        ObjectNode verify = verify(outdir().toString());
        assertTrue(verify.path("ok").asBoolean(), verify.toPrettyString());
        // every output of seed 42 that differs from seed 7's was overwritten in place by it: samples, 2 chunks,
        // merged, clean, 3 splits, model, metrics (the study files, the clean report and the plot are the same in both)
        assertEquals(10, verify.path("replaced").size(), verify.toPrettyString());
        assertEquals(0, verify.path("altered").size());
        String text = LineageTree.render(verify);
        assertTrue(text.startsWith("checked " + verify.path("checked").asInt() + " recorded files: all present and unchanged "
                + "(10 replaced by a later recorded output)"), text);

        // a file changed outside the pipeline is still altered
        Path train = outdir().resolve("pk-toy/split/train.h5");
        Files.writeString(train, "tampered");
        ObjectNode after = verify(outdir().toString());
        assertFalse(after.path("ok").asBoolean());
        assertEquals(2, after.path("altered").size(), "both runs' train.h5 were recorded at that path: " + after.toPrettyString());
        assertEquals(train.toAbsolutePath().toString(), after.at("/altered/0/path").asText());
    }

    @Test
    void theTreeNamesWhereEachFileIsNowAndEachStepsGitCommit() throws Exception {
        // as the step commands write it: tool_version "0.1.0", git_commit separately
        Path yaml = Chain.write(dir.resolve("work/ab/cdef/study.yaml"), "name: pk-toy\n");
        Path samples = Chain.write(dir.resolve("work/ab/cdef/samples.h5"), "samples");
        StepProvenance.start("sample", Chain.STUDY, List.of("emuflow", "sample"), "0.1.0", "c5ff007")
                .seed(42).input("study_file", yaml, "study").output("samples", samples, "samples", new long[] {4, 2})
                .write(StepProvenance.sidecarOf(samples));
        Path published = Chain.write(outdir().resolve("pk-toy/sample/samples.h5"), "samples");
        try (ProvenanceStore store = ProvenanceStore.open(db(), true)) {
            new Recorder(store, new RunInfo("run_a", "s", outdir().toString(), null, null)).ingest(StepProvenance.sidecarOf(samples));
        }
        String tree = LineageTree.render(ask(a -> a.datasetUsage(Hashing.sha256(samples))));
        assertTrue(tree.contains("dataset: " + published.toAbsolutePath() + "  sha256 " + Hashing.sha256(samples) + "  shape [4,2]"), tree);
        assertTrue(tree.contains("<- sample  emuflow 0.1.0 (git c5ff007)  seed 42"), tree);
        String run = LineageTree.render(ask(a -> a.run("run_a")));
        assertTrue(run.contains("-> samples: " + published.toAbsolutePath()), run);
    }

    @Test
    void theRoCrateDescribesItsProfileAndOneToolPerBuild() {
        // two steps of one run built from two commits with the same version number, as the steps write them
        for (String git : List.of("aaa1111", "bbb2222")) {
            Path in = Chain.write(dir.resolve(git + "/study.yaml"), "name: pk-toy\n");
            Path out = Chain.write(dir.resolve(git + "/samples.h5"), "samples " + git);
            StepProvenance.start("sample", Chain.STUDY, List.of("emuflow", "sample"), "0.1.0", git)
                    .input("study_file", in, "study").output("samples", out, "samples", null).write(StepProvenance.sidecarOf(out));
            try (ProvenanceStore store = ProvenanceStore.open(db(), true)) {
                new Recorder(store, new RunInfo("run_a", "s", null, null, null)).ingest(StepProvenance.sidecarOf(out));
            }
        }
        ObjectNode crate = ask(a -> ProvExport.roCrate(a, a.runExecutions("run_a"), "run_a"));
        List<String> versions = new java.util.ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        crate.path("@graph").forEach(e -> {
            ids.add(e.path("@id").asText());
            if (e.path("@type").asText().equals("SoftwareApplication")) {
                versions.add(e.path("softwareVersion").asText());
            }
        });
        assertEquals(List.of("0.1.0 (git aaa1111)", "0.1.0 (git bbb2222)"), versions.stream().sorted().toList());
        assertTrue(ids.contains("https://w3id.org/ro/wfrun/process/0.5"), "the profile the crate conforms to is not described");
        ObjectNode prov = ask(a -> ProvExport.provJson(a, a.runExecutions("run_a"), "run_a"));
        long softwareAgents = java.util.stream.StreamSupport.stream(prov.path("agent").spliterator(), false)
                .filter(agent -> agent.path("prov:type").asText().equals("prov:SoftwareAgent")).count();
        assertEquals(2, softwareAgents, prov.path("agent").toPrettyString());
    }

    @Test
    void aDiffNamesEachChunkOfAMergeByItsFile() {
        Chain a = Chain.build(dir, 42, "mlp", 64, 0.01);
        Chain b = Chain.build(dir, 7, "mlp", 64, 0.02);
        try (ProvenanceStore store = ProvenanceStore.open(db(), true)) {
            Recorder recorder = new Recorder(store, new RunInfo("run", "s", null, null, null));
            a.sidecars.forEach(recorder::ingest);
            b.sidecars.forEach(recorder::ingest);
        }
        ObjectNode diff = ask(x -> x.diff(Hashing.sha256(a.model), Hashing.sha256(b.model)));
        JsonNode mergeInputs = null;
        for (JsonNode d : diff.path("differences")) {
            if (d.path("step").asText().equals("merge") && d.path("what").asText().equals("data (inputs)")) {
                mergeInputs = d.path("a");
            }
        }
        assertEquals(List.of("chunk chunk_0.h5", "chunk chunk_1.h5"), mergeInputs == null ? null
                : java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(mergeInputs.fieldNames(), 0), false).toList());
    }
}
