package io.emuflow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The inverse workflow end to end: `-profile test --study reion21cm-inverse` (21-cm boxes -> spectra ->
 * regressors and classifiers), with the metrics checked against their definitions on the test split read by
 * h5py, every plot present, and the provenance chain from a model back to the samples.
 */
class InverseStudyIT {
    static final Path BASE = PipelineIT.ROOT.resolve("pipeline-tools/target/e2e-inverse");
    static final Path OUT = BASE.resolve("results");
    static final Path STUDY = OUT.resolve("reion21cm-inverse");
    static final List<String> PARAMETERS = List.of("HII_EFF_FACTOR", "ION_Tvir_MIN", "R_BUBBLE_MAX");

    @Test
    void inverseStudyRunsEndToEndWithConsistentMetricsAndLineage() throws Exception {
        PipelineIT.deleteRecursively(BASE);
        Files.createDirectories(BASE);
        Files.createDirectories(PipelineIT.BASE); // where the shared helpers run emuflow and python
        PipelineIT.Proc run = PipelineIT.Proc.run(BASE, 900, PipelineIT.ROOT.resolve("nextflow").toString(), "run",
                PipelineIT.ROOT.resolve("main.nf").toString(), "-profile", "test", "--study", "reion21cm-inverse",
                "--outdir", OUT.toString(), "-work-dir", BASE.resolve("work").toString());
        assertEquals(0, run.exit(), run::output);

        JsonNode study = new ObjectMapper().readTree(STUDY.resolve("sample/study.json").toFile());
        // population variance of each parameter over the test split, read with h5py
        PipelineIT.Proc variances = PipelineIT.python(String.join("\n",
                "import h5py, numpy as np, sys",
                "p = h5py.File(sys.argv[1], 'r')['params'][()]",
                "print(' '.join(repr(float(v)) for v in p.var(axis=0)))"), STUDY.resolve("split/test.h5").toString());
        assertEquals(0, variances.exit(), variances::output);
        double[] variance = PipelineIT.parse(variances.output().strip());

        for (JsonNode model : study.path("models")) {
            String name = model.path("name").asText();
            Path evaluation = STUDY.resolve("evaluation").resolve(name);
            JsonNode test = new ObjectMapper().readTree(evaluation.resolve("metrics.json").toFile()).path("splits").path("test");
            for (int j = 0; j < PARAMETERS.size(); j++) {
                String p = PARAMETERS.get(j);
                JsonNode m = test.path("parameters").path(p);
                double mse = m.path("mse").asDouble(Double.NaN);
                assertEquals(mse, Math.pow(m.path("rmse").asDouble(), 2), 1e-9 * mse, name + " " + p + ": rmse^2 != mse");
                assertTrue(m.path("mae").asDouble() <= m.path("rmse").asDouble() + 1e-12, name + " " + p + ": mae > rmse");
                // R^2 = 1 - MSE / Var(true) on the same samples
                assertEquals(1 - mse / variance[j], m.path("r2").asDouble(), 1e-6, name + " " + p + ": R^2 disagrees with MSE and the test variance");
                double accuracy = m.path("classification").path("accuracy").asDouble(Double.NaN);
                double withinOne = m.path("classification").path("within_one_class").asDouble(Double.NaN);
                assertTrue(accuracy >= 0 && accuracy <= withinOne && withinOne <= 1, name + " " + p + ": accuracy " + accuracy + ", within one " + withinOne);
                for (String plot : List.of("scatter_" + p + ".png", "confusion_" + p + ".png")) {
                    assertTrue(Files.size(evaluation.resolve(plot)) > 0, name + ": missing " + plot);
                }
                if (model.has("head")) { // distributional heads: calibration figures and plots as well
                    double coverage = test.path("calibration").path("parameters").path(p).path("coverage_68").asDouble(Double.NaN);
                    assertTrue(coverage >= 0 && coverage <= 1, name + " " + p + ": coverage_68 " + coverage);
                    assertTrue(Files.size(evaluation.resolve("pit_" + p + ".png")) > 0, name + ": missing pit_" + p + ".png");
                }
            }
        }

        assertTrue(Files.size(STUDY.resolve("evaluation/dense-regressor-gaussian/tarp.png")) > 0, "missing the TARP plot");
        PipelineIT.Proc audit = PipelineIT.emuflow("audit", "model", "cnn-classifier", "--db", OUT.resolve("provenance/emuflow").toString());
        assertEquals(0, audit.exit(), audit::output);
        for (String f : List.of("sample/samples.h5", "merge/dataset.h5", "clean/clean.h5", "split/train.h5")) {
            assertTrue(audit.output().contains(PipelineIT.sha256(STUDY.resolve(f))), "the classifier's lineage lacks " + f);
        }
        assertTrue(audit.output().contains("reion21cm"), "the simulator is missing from the lineage");
    }
}
