package io.emuflow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emuflow.provenance.ProvenanceStore;
import io.emuflow.provenance.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CMB study end to end: `-profile test --study cmb-emulator` (the `table` simulator on the repository's 64-row
 * CLASS subset, one model per spectrum, TE learnt as it is). The cosmic-variance bands in metrics.json are
 * recomputed from `emuflow predict` and the test split read by h5py, and `audit model` names the table and its hash.
 * INFER_CMB (the study's `inference: {likelihood: cmb}` block) samples a posterior from the test split's first row
 * with the TT, TE and EE emulators, and its outputs reach the provenance store.
 */
class CmbStudyIT {
    static final Path BASE = PipelineIT.ROOT.resolve("pipeline-tools/target/e2e-cmb");
    static final Path OUT = BASE.resolve("results");
    static final Path STUDY = OUT.resolve("cmb-emulator");
    static final Path TABLE = PipelineIT.ROOT.resolve("pipeline-tools/src/test/resources/reference/class-cmb/cmb_subset.h5");

    /** Writes the test split's parameters as CSV, and prints the max over l of |p99_recomputed / p99_metrics - 1|. */
    private static final String CHECK = String.join("\n",
            "import h5py, numpy as np, sys, csv, json, subprocess",
            "test, model, target, metrics, emuflow, work = sys.argv[1:7]",
            "f = h5py.File(test, 'r')",
            "names = [n.decode() if isinstance(n, bytes) else str(n) for n in f['params'].attrs['names']]",
            "p = f['params'][()]",
            "t = {k: f['targets'][k][()] for k in f['targets']}",
            "ell = f['grid']['k'][()]",
            "with open(work + '/params.csv', 'w') as o:",
            "    o.write(','.join(names) + '\\n')",
            "    for r in p: o.write(','.join(repr(float(v)) for v in r) + '\\n')",
            "subprocess.run([emuflow, 'predict', '--model', model, '--params', work + '/params.csv', '--nodes', '--out', work + '/pred.csv'], check=True)",
            "rows = list(csv.DictReader(open(work + '/pred.csv')))",
            "pred = np.array([float(r[target]) for r in rows]).reshape(len(p), len(ell))",
            // without --nodes: every l from the first node to the last, the node values unchanged
            "subprocess.run([emuflow, 'predict', '--model', model, '--params', work + '/params.csv', '--out', work + '/every.csv'], check=True)",
            "every = list(csv.DictReader(open(work + '/every.csv')))",
            "ls = np.array([int(r['ell']) for r in every]).reshape(len(p), -1)",
            "assert (ls == np.arange(int(ell[0]), int(ell[-1]) + 1)).all(), 'every l, in order, per cosmology'",
            "ev = np.array([float(r[target]) for r in every]).reshape(len(p), -1)",
            "assert np.array_equal(ev[:, ell.astype(int) - int(ell[0])], pred), 'node values unchanged'",
            "true = t[target]",
            "if target == 'TE': sigma = np.sqrt((t['TT'] * t['EE'] + true ** 2) / (2 * ell + 1))",
            "else: sigma = np.sqrt(2 / (2 * ell + 1)) * np.abs(true)",
            "p99 = np.percentile(np.abs(pred - true) / sigma, 99, axis=0)",
            "m = np.array(json.load(open(metrics))['splits']['test']['cosmic_variance'][target]['p99'])",
            "print(float(np.max(np.abs(p99 / m - 1))))");

    /**
     * Checks INFER_CMB's outputs against the test split read by h5py: posterior.json's truth is row 0's parameters, its
     * pulls are (mean - truth) / std of its own summary, and chain.h5 holds [steps, 12 walkers, 6 parameters] with
     * steps at most the test profile's cap of 200. Prints "ok".
     */
    private static final String POSTERIOR_CHECK = String.join("\n",
            "import h5py, json, sys, numpy as np",
            "test, posterior, chain = sys.argv[1:4]",
            "f = h5py.File(test, 'r')",
            "names = [n.decode() if isinstance(n, bytes) else str(n) for n in f['params'].attrs['names']]",
            "row = f['params'][0]",
            "d = json.load(open(posterior))",
            "assert d['row'] == 0 and d['f_sky'] == 0.4, (d['row'], d['f_sky'])",
            "assert list(d['truth']) == names, (list(d['truth']), names)",
            "assert all(d['truth'][n] == float(v) for n, v in zip(names, row)), (d['truth'], row)",
            "s = d['summary']",
            "for n in names:",
            "    mean, std = s[n]['mean'], s[n]['std']",
            "    assert abs(d['pulls_in_sigma'][n] - (mean - d['truth'][n]) / std) < 1e-9 * max(1, abs(d['pulls_in_sigma'][n])), n",
            "assert d['within_2_sigma'] == all(abs(d['pulls_in_sigma'][n]) <= 2 for n in names)",
            "c = h5py.File(chain, 'r')['chain']",
            "assert c.shape[1:] == (12, 6) and 0 < c.shape[0] <= 200, c.shape",
            "print('ok')");

    @Test
    void cmbStudyRunsWithCosmicVarianceMetricsAndTheTableAsOrigin() throws Exception {
        PipelineIT.deleteRecursively(BASE);
        Files.createDirectories(BASE);
        Files.createDirectories(PipelineIT.BASE);
        PipelineIT.Proc run = PipelineIT.Proc.run(BASE, 900, PipelineIT.ROOT.resolve("nextflow").toString(), "run",
                PipelineIT.ROOT.resolve("main.nf").toString(), "-profile", "test", "--study", "cmb-emulator",
                "--outdir", OUT.toString(), "-work-dir", BASE.resolve("work").toString());
        assertEquals(0, run.exit(), run::output);
        Path emuflow = PipelineIT.ROOT.resolve("bin/emuflow");
        for (Map.Entry<String, String> model : Map.of("cmb-tt", "TT", "cmb-te", "TE", "cmb-ee", "EE", "cmb-pp", "PP").entrySet()) {
            Path evaluation = STUDY.resolve("evaluation").resolve(model.getKey());
            assertTrue(Files.size(evaluation.resolve("cv_bands.png")) > 0, model.getKey() + ": no cv_bands.png");
            Path work = Files.createDirectories(BASE.resolve("check-" + model.getKey()));
            PipelineIT.Proc check = PipelineIT.python(CHECK, STUDY.resolve("split/test.h5").toString(),
                    STUDY.resolve("models").resolve(model.getKey()).toString(), model.getValue(),
                    evaluation.resolve("metrics.json").toString(), emuflow.toString(), work.toString());
            assertEquals(0, check.exit(), check::output);
            String[] lines = check.output().strip().split("\n");
            double worst = Double.parseDouble(lines[lines.length - 1]);
            assertTrue(worst < 1e-3, model.getKey() + ": metrics.json p99 differs from the recomputation by " + worst);
            assertTrue(Files.readString(evaluation.resolve("model_card.md")).contains("cosmic-variance units"), model.getKey());
        }
        PipelineIT.Proc audit = PipelineIT.emuflow("audit", "model", "cmb-te", "--json", "--db", OUT.resolve("provenance/emuflow").toString());
        assertEquals(0, audit.exit(), audit::output);
        String json = audit.output().substring(audit.output().indexOf('{'));
        JsonNode origin = new ObjectMapper().readTree(json).path("summary").path("origin");
        assertEquals(PipelineIT.sha256(TABLE), origin.path("sha256").asText(), origin.toString());
        assertEquals("0-63", origin.path("rows").asText());
        assertTrue(origin.path("table").asText().endsWith("cmb_subset.h5"));

        Path inference = STUDY.resolve("inference/cmb");
        assertTrue(Files.size(inference.resolve("corner.png")) > 0, "no corner.png from INFER_CMB");
        PipelineIT.Proc posterior = PipelineIT.python(POSTERIOR_CHECK, STUDY.resolve("split/test.h5").toString(),
                inference.resolve("posterior.json").toString(), inference.resolve("chain.h5").toString());
        assertEquals(0, posterior.exit(), posterior::output);
        assertTrue(posterior.output().strip().endsWith("ok"), posterior::output);
        try (ProvenanceStore store = ProvenanceStore.open(OUT.resolve("provenance/emuflow"), false)) {
            List<Map<String, Object>> rows = Sql.rows(store.connection(), "SELECT o.role FROM step_execution e "
                    + "JOIN step_output o ON o.execution_id = e.id WHERE e.step = 'infer-cmb' ORDER BY o.role");
            assertEquals(List.of("chain", "plot_corner", "posterior"), rows.stream().map(r -> r.get("ROLE")).toList(),
                    "RECORD stores INFER_CMB's sidecar and outputs");
        }
        // a stage call that stops before TRAIN (Airflow's split task) leaves INFER_CMB nothing to wait for
        PipelineIT.Proc split = PipelineIT.Proc.run(BASE, 900, PipelineIT.ROOT.resolve("nextflow").toString(), "run",
                PipelineIT.ROOT.resolve("main.nf").toString(), "-profile", "test", "--study", "cmb-emulator", "--stop_after", "split",
                "--outdir", OUT.toString(), "-work-dir", BASE.resolve("work").toString(), "-resume");
        assertEquals(0, split.exit(), split::output);
        // every task comes from the cache but RECORD, which records each call as its own run
        assertFalse(split.output().lines().anyMatch(l -> l.contains("Submitted process") && !l.contains(":RECORD")),
                "a resumed stage call ran a task again:\n" + split.output());
    }
}
