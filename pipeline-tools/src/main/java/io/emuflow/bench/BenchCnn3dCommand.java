package io.emuflow.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Training-epoch time of the cnn3d network (compare with bench/torch_cnn3d.py through bench/compare_cnn3d.sh). */
@Command(name = "bench-cnn3d", mixinStandardHelpOptions = true,
        description = "Time training epochs of the cnn3d inverse network (reference architecture by default) on synthetic boxes "
                + "(--samples boxes); prints JSON.")
public final class BenchCnn3dCommand implements Callable<Integer> {
    @Option(names = "--dim", defaultValue = "32", description = "cells per side (default ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--channels", defaultValue = "1", description = "input channels, 1 to 3 (default ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--pooling", defaultValue = "max", description = "max or avg (default ${DEFAULT-VALUE})")
    String pooling;

    @Option(names = "--mode", defaultValue = "network",
            description = "network (prepared minibatches, as PyTorch) or pipeline (train-inverse's scaling and augmentation per minibatch) (default ${DEFAULT-VALUE})")
    String mode;

    @Mixin
    TrainingBenchOptions timing = new TrainingBenchOptions(500, 32, 3);

    @Override
    public Integer call() throws Exception {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", "bench");
        model.put("network", "cnn3d");
        model.put("boxes", new ArrayList<>(List.of("nhalo", "mass", "speed").subList(0, Math.max(1, Math.min(3, channels)))));
        model.put("batch_size", timing.batchSize);
        model.put("pooling", pooling);
        Map<String, Object> out = timing.report(model);
        out.put("dim", dim);
        out.put("channels", channels);
        TrainingBenchOptions.environment(out);
        out.putAll(Cnn3dBenchmark.run(model, timing.samples, dim, channels, timing.epochs, timing.seed, mode));
        TrainingBenchOptions.print(out);
        return 0;
    }
}
