package io.emuflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Training-epoch time of the cnn3d network (compare with bench/torch_cnn3d.py through bench/compare_cnn3d.sh). */
@Command(name = "bench-cnn3d", mixinStandardHelpOptions = true,
        description = "Time training epochs of the cnn3d inverse network (reference architecture by default) on synthetic boxes; prints JSON.")
public final class BenchCnn3dCommand implements Callable<Integer> {
    @Option(names = "--samples", defaultValue = "500", description = "boxes (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--dim", defaultValue = "32", description = "cells per side (default ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--channels", defaultValue = "1", description = "input channels, 1 to 3 (default ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--batch-size", defaultValue = "32", description = "minibatch (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--epochs", defaultValue = "3", description = "timed epochs after one warm-up epoch (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--pooling", defaultValue = "max", description = "max or avg (default ${DEFAULT-VALUE})")
    String pooling;

    @Option(names = "--mode", defaultValue = "network",
            description = "network (prepared minibatches, as PyTorch) or pipeline (train-inverse's scaling and augmentation per minibatch) (default ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", "bench");
        model.put("network", "cnn3d");
        model.put("boxes", new ArrayList<>(List.of("nhalo", "mass", "speed").subList(0, Math.max(1, Math.min(3, channels)))));
        model.put("batch_size", batchSize);
        model.put("pooling", pooling);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("framework", "dl4j-1.0.0-M2.1");
        out.put("model", model);
        out.put("samples", samples);
        out.put("dim", dim);
        out.put("channels", channels);
        out.put("omp_num_threads", System.getenv("OMP_NUM_THREADS"));
        out.put("omp_wait_policy", System.getenv("OMP_WAIT_POLICY"));
        out.putAll(Cnn3dBenchmark.run(model, samples, dim, channels, epochs, seed, mode));
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        return 0;
    }
}
