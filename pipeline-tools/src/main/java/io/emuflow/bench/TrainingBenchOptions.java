package io.emuflow.bench;

import io.emuflow.data.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options and the JSON report the training benchmarks share (bench-ml, bench-cnn3d), as a picocli mixin. Each
 * command gives its own defaults: {@code @Mixin TrainingBenchOptions timing = new TrainingBenchOptions(500, 32, 3);}
 * (picocli keeps a mixin field's instance and takes its initial values as the defaults).
 */
final class TrainingBenchOptions {
    @Option(names = "--samples", description = "synthetic training samples (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--batch-size", description = "training minibatch (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--epochs", description = "timed epochs after one warm-up epoch (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--seed", description = "seed of the synthetic data and the network (default ${DEFAULT-VALUE})")
    long seed = 1;

    TrainingBenchOptions(int samples, int batchSize, int epochs) {
        this.samples = samples;
        this.batchSize = batchSize;
        this.epochs = epochs;
    }

    /** The report's first entries: the framework, the model's settings and the number of samples. */
    Map<String, Object> report(Map<String, Object> model) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("framework", "dl4j-1.0.0-M2.1");
        out.put("model", model);
        out.put("samples", samples);
        return out;
    }

    /** Adds the threading environment the timings depend on. */
    static void environment(Map<String, Object> out) {
        out.put("omp_num_threads", System.getenv("OMP_NUM_THREADS"));
        out.put("omp_wait_policy", System.getenv("OMP_WAIT_POLICY"));
    }

    static void print(Map<String, Object> out) throws com.fasterxml.jackson.core.JsonProcessingException {
        System.out.print(Json.pretty(out));
    }
}
