package io.emuflow.cli;

import io.emuflow.data.AtomicFiles;
import io.emuflow.data.DatasetFile;
import io.emuflow.data.Json;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.ml.inverse.InverseEvaluator;
import io.emuflow.ml.inverse.InverseModel;
import io.emuflow.provenance.Hashing;
import io.emuflow.provenance.StepProvenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Metrics (per split and parameter) and plots of a trained inverse model. */
@Command(name = "evaluate-inverse", mixinStandardHelpOptions = true,
        description = "Compute per-parameter metrics (RMSE, MAE, MSE, R^2; class accuracy, macro P/R/F1, within one class) and plots of an inverse model.")
final class EvaluateInverseCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    EvaluationOptions options;

    @Override
    public Integer call() throws Exception {
        InverseModel model = InverseModel.load(options.modelDir);
        StepProvenance prov = StepSupport.provenance(spec, model.study()).input("model", options.modelDir, "model");
        Map<String, SpectrumDataset> data = new LinkedHashMap<>();
        for (Map.Entry<String, Path> entry : options.splits.entrySet()) {
            data.put(entry.getKey(), DatasetFile.read(entry.getValue()));
            prov.input(entry.getKey(), entry.getValue(), "dataset");
        }
        Files.createDirectories(options.outDir);
        InverseEvaluator.Result result = InverseEvaluator.evaluate(model, data, options.outDir);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("model_sha256", Hashing.sha256(options.modelDir));
        metrics.putAll(result.metrics());
        Path metricsFile = options.outDir.resolve("metrics.json");
        AtomicFiles.writeString(metricsFile, Json.pretty(metrics));
        prov.extra("metrics", metrics).output("metrics", metricsFile, "metrics", null);
        result.plots().forEach((name, file) -> prov.output(name, file, "plot", null));
        prov.write(StepProvenance.sidecarOf(metricsFile));
        return 0;
    }
}
