package io.emuflow.bench;

import io.emuflow.ml.emulator.ModelSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Speed of training and inference of the emulator network (compare with bench/torch_mlp.py). */
@Command(name = "bench-ml", mixinStandardHelpOptions = true,
        description = "Time training epochs, batch prediction and single-call latency of an MLP on synthetic data; prints JSON. "
                + "--epochs 0 times inference only.")
public final class BenchMlCommand implements Callable<Integer> {
    @Option(names = "--outputs", defaultValue = "200", description = "network outputs (default ${DEFAULT-VALUE})")
    int outputs;

    @Option(names = "--hidden", defaultValue = "512,512,512,512", split = ",", description = "hidden widths (default ${DEFAULT-VALUE})")
    List<Integer> hidden;

    @Option(names = "--activation", defaultValue = "cosmopower", description = "cosmopower, relu, gelu, tanh (default ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--data-type", defaultValue = "float32", description = "float32 or float64 (default ${DEFAULT-VALUE})")
    String dataType;

    @Mixin
    TrainingBenchOptions timing = new TrainingBenchOptions(50000, 512, 3);

    @Option(names = "--layers", defaultValue = "fast",
            description = "fast (fused CosmoPower dense and GEMM output layers, what training uses) or stock (DL4J's layers) (default ${DEFAULT-VALUE})")
    String layers;

    @Option(names = "--skip-inference", description = "time training only")
    boolean skipInference;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", "bench");
        model.put("hidden_layers", new ArrayList<>(hidden));
        model.put("activation", activation);
        model.put("learning_rate", 1e-3);
        model.put("batch_size", timing.batchSize);
        model.put("data_type", dataType);
        if (!layers.equals("fast") && !layers.equals("stock")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--layers is fast or stock, not " + layers);
        }
        ModelSettings settings = ModelSettings.fromMap(model);
        Map<String, Object> out = timing.report(model);
        out.put("outputs", outputs);
        TrainingBenchOptions.environment(out);
        out.put("openblas_core", io.emuflow.ml.OpenBlasCheck.core());
        out.putAll(MlBenchmark.run(settings, timing.samples, outputs, timing.epochs, timing.seed, layers.equals("stock"), skipInference));
        TrainingBenchOptions.print(out);
        return 0;
    }
}
