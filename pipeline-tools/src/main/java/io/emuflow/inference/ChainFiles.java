package io.emuflow.inference;

import io.emuflow.data.AtomicFiles;
import io.emuflow.data.Json;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outputs of a run: the chain in HDF5 ({@code format = "emuflow-chain/1"}, layout in docs/inference.md; no
 * timings in it, so the same seed gives the same bytes) and the posterior summary with diagnostics as JSON
 * (timings included there).
 */
public final class ChainFiles {
    public static final String FORMAT = "emuflow-chain/1";

    private ChainFiles() {}

    /** A writer of the HDF5 chain file for {@link AtomicFiles#writeAll}. */
    public static AtomicFiles.Writer hdf5(InferenceRun.Outcome run, Map<String, String> attributes) {
        return temporary -> {
            try (WritableHdfFile file = HdfFile.write(temporary)) {
                file.putAttribute("format", FORMAT);
                file.putAttribute("sampler", run.sampler());
                file.putAttribute("parameter_names", run.names().toArray(new String[0]));
                file.putAttribute("converged", run.converged() ? 1 : 0);
                attributes.forEach(file::putAttribute);
                if (run.ensemble() != null) {
                    EnsembleSampler.Result r = run.ensemble();
                    file.putDataset("chain", r.chain()).putAttribute("axes", new String[] {"step", "walker", "parameter"});
                    file.putDataset("log_posterior", r.logDensity());
                    file.putAttribute("burn_in", r.burnIn());
                    file.putAttribute("acceptance", r.acceptance());
                    WritableGroup diagnostics = file.putGroup("diagnostics");
                    diagnostics.putDataset("split_rhat", r.rhat());
                    diagnostics.putDataset("ess", r.ess());
                    diagnostics.putDataset("tau", r.tau());
                } else {
                    NestedSampler.Result r = run.nested();
                    file.putDataset("samples", r.samples());
                    file.putDataset("weights", run.weights());
                    file.putDataset("log_likelihood", r.logLikelihood());
                    file.putAttribute("log_z", r.logZ());
                    file.putAttribute("log_z_error", r.logZError());
                    file.putAttribute("information", r.information());
                }
                PosteriorSummary s = run.summary();
                WritableGroup summary = file.putGroup("summary");
                summary.putDataset("mean", s.mean());
                summary.putDataset("std", s.std());
                summary.putDataset("median", s.median());
                summary.putDataset("interval_68", s.interval68());
                summary.putDataset("interval_95", s.interval95());
            }
        };
    }

    /** The posterior.json document. */
    public static Map<String, Object> json(InferenceRun.Outcome run, Map<String, Object> context) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", "emuflow-posterior/1");
        doc.put("sampler", run.sampler());
        doc.putAll(context);
        doc.put("converged", run.converged());
        doc.put("parameters", run.names());
        doc.put("summary", run.summary().toMap());
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        if (run.ensemble() != null) {
            EnsembleSampler.Result r = run.ensemble();
            diagnostics.put("steps", r.steps());
            diagnostics.put("walkers", r.chain()[0].length);
            diagnostics.put("burn_in", r.burnIn());
            diagnostics.put("acceptance", r.acceptance());
            Map<String, Object> per = new LinkedHashMap<>();
            for (int d = 0; d < run.names().size(); d++) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("split_rhat", r.rhat()[d]);
                p.put("ess", r.ess()[d]);
                p.put("tau", r.tau()[d]);
                p.put("kept_steps_over_tau", (r.steps() - r.burnIn()) / r.tau()[d]);
                per.put(run.names().get(d), p);
            }
            diagnostics.put("per_parameter", per);
            diagnostics.put("evaluations", r.evaluations());
        } else {
            NestedSampler.Result r = run.nested();
            diagnostics.put("log_z", r.logZ());
            diagnostics.put("log_z_error", r.logZError());
            diagnostics.put("information", r.information());
            diagnostics.put("iterations", r.iterations());
            diagnostics.put("evaluations", r.evaluations());
            double sum = 0;
            double sumSq = 0;
            for (double w : run.weights()) {
                sum += w;
                sumSq += w * w;
            }
            diagnostics.put("effective_samples_kish", sum * sum / sumSq);
        }
        diagnostics.put("model_rows", run.modelRows());
        diagnostics.put("seconds", run.seconds());
        doc.put("diagnostics", diagnostics);
        return doc;
    }

    public static String toJson(Map<String, Object> doc) {
        try {
            return Json.pretty(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
