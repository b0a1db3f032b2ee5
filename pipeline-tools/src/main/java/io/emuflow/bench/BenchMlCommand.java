package io.emuflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.emuflow.ml.emulator.ModelSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Speed of training and inference of the emulator network (compare with bench/torch_mlp.py). */
@Command(name = "bench-ml", mixinStandardHelpOptions = true,
        description = "Time training epochs, batch prediction and single-call latency of an MLP on synthetic data; prints JSON.")
public final class BenchMlCommand implements Callable<Integer> {
    @Option(names = "--samples", defaultValue = "50000", description = "training samples (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--outputs", defaultValue = "200", description = "network outputs (default ${DEFAULT-VALUE})")
    int outputs;

    @Option(names = "--hidden", defaultValue = "512,512,512,512", split = ",", description = "hidden widths (default ${DEFAULT-VALUE})")
    List<Integer> hidden;

    @Option(names = "--activation", defaultValue = "cosmopower", description = "cosmopower, relu, gelu, tanh (default ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--batch-size", defaultValue = "512", description = "training batch size (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--epochs", defaultValue = "3", description = "timed epochs after one warm-up epoch; 0 times inference only (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--data-type", defaultValue = "float32", description = "float32 or float64 (default ${DEFAULT-VALUE})")
    String dataType;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

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
        model.put("batch_size", batchSize);
        model.put("data_type", dataType);
        if (!layers.equals("fast") && !layers.equals("stock")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--layers is fast or stock, not " + layers);
        }
        ModelSettings settings = ModelSettings.fromMap(model);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("framework", "dl4j-1.0.0-M2.1");
        out.put("model", model);
        out.put("samples", samples);
        out.put("outputs", outputs);
        out.put("omp_num_threads", System.getenv("OMP_NUM_THREADS"));
        out.put("omp_wait_policy", System.getenv("OMP_WAIT_POLICY"));
        out.put("openblas_core", io.emuflow.ml.OpenBlasCheck.core());
        out.putAll(MlBenchmark.run(settings, samples, outputs, epochs, seed, layers.equals("stock"), skipInference));
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        return 0;
    }
}
