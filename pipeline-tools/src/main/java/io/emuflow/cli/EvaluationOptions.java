package io.emuflow.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every evaluation step shares (evaluate and evaluate-inverse), as a picocli mixin. */
final class EvaluationOptions {
    @Option(names = "--model", required = true, description = "model bundle directory")
    Path modelDir;

    @Option(names = "--data", required = true, split = ",", description = "split=file pairs, e.g. train=train.h5,validation=validation.h5,test=test.h5")
    Map<String, Path> splits;

    @Option(names = "--out-dir", required = true, description = "where metrics.json and the plots go")
    Path outDir;
}
