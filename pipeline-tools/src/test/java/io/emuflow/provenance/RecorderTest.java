package io.emuflow.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {
    private static final RunInfo RUN = new RunInfo("happy_turing", "sess-1", null, "24.10.0", "fedcba9");

    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("prov/emuflow");
    }

    private void record(RunInfo run, List<Path> sidecars) {
        try (ProvenanceStore store = ProvenanceStore.open(db(), true)) {
            Recorder recorder = new Recorder(store, run);
            sidecars.forEach(recorder::ingest);
        }
    }

    @Test
    void recordsEveryExecutionArtifactAndEdgeOfAChain() throws Exception {
        Chain chain = Chain.build(dir, 42, "mlp", 64, 0.01);
        record(RUN, chain.sidecars);
        // sample, 2 x simulate, merge, clean, split, train, evaluate
        assertEquals(8, Db.count(db(), "SELECT COUNT(*) FROM step_execution"));
        assertEquals(8, Db.count(db(), "SELECT COUNT(*) FROM run_step"));
        // study.yaml, study.json, samples, 2 chunks, merged, clean, report, 3 splits, model, metrics, plot
        assertEquals(14, Db.count(db(), "SELECT COUNT(*) FROM artifact"));
        assertEquals(1, Db.count(db(), "SELECT COUNT(*) FROM model WHERE name = 'mlp' AND sha256 = ?", Hashing.sha256(chain.model)));
        assertEquals(2, Db.count(db(), "SELECT COUNT(*) FROM step_input i JOIN step_execution e ON e.id = i.execution_id "
                + "WHERE e.step = 'merge' AND i.role = 'chunk'"));
        assertEquals(Files.size(chain.train), Db.count(db(), "SELECT bytes FROM artifact WHERE sha256 = ?", Hashing.sha256(chain.train)));
        // metrics of evaluate, flattened per split: samples, mse_log10, max_rel_error_p50/p68/p95/p99
        assertEquals(12, Db.count(db(), "SELECT COUNT(*) FROM metric"));
        assertEquals(1, Db.count(db(), "SELECT COUNT(*) FROM metric WHERE split_name = 'test' AND metric_name = 'max_rel_error_p99' "
                + "AND metric_value = 0.01"));
        // the producer's shape survives later sidecars that name the file as an input without one
        try (ProvenanceStore store = ProvenanceStore.open(db(), false)) {
            assertEquals(List.of("[20,2]"), Db.rows(store.connection(), "SELECT shape FROM artifact WHERE sha256 = ?", Hashing.sha256(chain.samples)));
        }
        // without --outdir an output is found where the step wrote it
        assertEquals(1, Db.count(db(), "SELECT COUNT(*) FROM artifact_place WHERE path = ?", chain.train.toString()));
    }

    @Test
    void ingestingTwiceChangesNothing() {
        Chain chain = Chain.build(dir, 42, "mlp", 64, 0.01);
        record(RUN, chain.sidecars);
        Map<String, List<String>> once = Db.snapshot(db());
        record(RUN, chain.sidecars);
        try (ProvenanceStore store = ProvenanceStore.open(db(), true)) {
            Recorder recorder = new Recorder(store, RUN);
            for (Path sidecar : chain.sidecars) {
                assertFalse(recorder.ingest(sidecar), sidecar + " counted as new the second time");
            }
        }
        assertEquals(once, Db.snapshot(db()));
    }

    @Test
    void aResumedRunReusesExecutionsAndOnlyLinksThem() {
        Chain chain = Chain.build(dir, 42, "mlp", 64, 0.01);
        record(RUN, chain.sidecars);
        Map<String, List<String>> before = Db.snapshot(db());
        record(new RunInfo("sleepy_curie", "sess-1", null, "24.10.0", "fedcba9"), chain.sidecars);
        Map<String, List<String>> after = Db.snapshot(db());
        for (String table : Db.TABLES) {
            if (!table.equals("run") && !table.equals("run_step")) {
                assertEquals(before.get(table), after.get(table), table);
            }
        }
        assertEquals(2, after.get("run").size());
        assertEquals(16, after.get("run_step").size());
    }

    @Test
    void aFailingSidecarLeavesNoTraceAndTheOthersStay() {
        Chain chain = Chain.build(dir, 42, "mlp", 64, 0.01);
        List<Path> withoutTrain = chain.sidecars.stream().filter(p -> !p.equals(StepProvenance.sidecarOf(chain.model))).toList();
        Path evaluate = StepProvenance.sidecarOf(chain.metrics);
        record(RUN, withoutTrain.stream().filter(p -> !p.equals(evaluate)).toList());
        Map<String, List<String>> before = Db.snapshot(db());
        // evaluate's metrics name a model that is not recorded: its execution row and artifacts were already
        // inserted when the metrics fail, and must be rolled back with them
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> record(RUN, List.of(evaluate)));
        assertTrue(e.getMessage().contains("record its train sidecar first"), e.getMessage());
        assertEquals(before, Db.snapshot(db()));
        record(RUN, List.of(StepProvenance.sidecarOf(chain.model), evaluate));
        assertEquals(8, Db.count(db(), "SELECT COUNT(*) FROM step_execution"));
    }

    @Test
    void badSidecarsAreRefusedWithTheirName() throws Exception {
        record(RUN, List.of());
        Map<String, List<String>> before = Db.snapshot(db());
        Path notJson = Files.writeString(dir.resolve("a.prov.json"), "{ not json");
        Path foreign = Files.writeString(dir.resolve("b.prov.json"), "{\"format\": \"other/1\"}");
        Path noStep = Files.writeString(dir.resolve("c.prov.json"), "{\"format\": \"emuflow-prov/1\", \"study\": \"s\", \"tool_version\": \"1\"}");
        Path badSha = Files.writeString(dir.resolve("d.prov.json"), "{\"format\": \"emuflow-prov/1\", \"step\": \"merge\", \"study\": \"s\", "
                + "\"tool_version\": \"1\", \"command_line\": [], \"outputs\": [{\"path\": \"x\", \"sha256\": \"abc\", \"kind\": \"dataset\"}]}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> record(RUN, List.of(notJson))).getMessage().contains("cannot read sidecar " + notJson));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> record(RUN, List.of(foreign))).getMessage().contains("is not an EmuFlow provenance sidecar"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> record(RUN, List.of(noStep))).getMessage().contains("lacks 'step'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> record(RUN, List.of(badSha))).getMessage().contains("no valid sha256"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> record(RUN, List.of(dir.resolve("missing.prov.json"))))
                .getMessage().contains("missing.prov.json"));
        assertEquals(before, Db.snapshot(db()));
    }

    @Test
    void withOutdirOutputsAreFoundWherePublished() {
        Chain chain = Chain.build(dir, 42, "mlp", 64, 0.01);
        Path outdir = dir.resolve("results");
        record(new RunInfo("run", "s", outdir.toString(), null, null), chain.sidecars);
        assertEquals(1, Db.count(db(), "SELECT COUNT(*) FROM artifact_place WHERE path = ?",
                outdir.resolve("pk-toy/split/train.h5").toAbsolutePath().toString()));
    }

    @Test
    void publishedFilesAreFoundInTheFolderTheModulePublishedTo() throws Exception {
        Chain chain = Chain.build(dir, 42, "mlp", 64, 0.01);
        Path outdir = dir.resolve("results");
        // modules/local/evaluate.nf publishes to <study>/evaluation, not <study>/evaluate
        Path published = Chain.write(outdir.resolve("pk-toy/evaluation/metrics.json"), Files.readString(chain.metrics));
        record(new RunInfo("run", "s", outdir.toString(), null, null), chain.sidecars);
        assertEquals(1, Db.count(db(), "SELECT COUNT(*) FROM artifact_place WHERE path = ?", published.toAbsolutePath().toString()));
    }

    @Test
    void hyperparameterTrialsAreRecorded() {
        Chain chain = Chain.build(dir, 42, "mlp", 64, 0.01);
        Path out = Chain.write(dir.resolve("search/best.json"), "{}");
        StepProvenance.start("train", Chain.STUDY, List.of("emuflow", "train"), Chain.TOOL, Chain.GIT)
                .extra("trials", List.of(
                        Map.of("search", "mlp-width", "trial", 0, "hyperparameters", Map.of("hidden", 32), "objective_name", "val_loss",
                                "objective", 0.5),
                        Map.of("search", "mlp-width", "trial", 1, "hyperparameters", Map.of("hidden", 64), "objective_name", "val_loss",
                                "objective", 0.25, "model_sha256", Hashing.sha256(chain.model))))
                .output("search", out, "report", null)
                .write(StepProvenance.sidecarOf(out));
        record(RUN, chain.sidecars);
        record(RUN, List.of(StepProvenance.sidecarOf(out)));
        assertEquals(2, Db.count(db(), "SELECT COUNT(*) FROM hyperparameter_trial WHERE search_name = 'mlp-width'"));
        assertEquals(1, Db.count(db(), "SELECT trial FROM hyperparameter_trial ORDER BY objective LIMIT 1"));
    }
}
