package io.emuflow.cli;

import io.emuflow.data.AtomicFiles;
import io.emuflow.ml.emulator.Emulator;
import io.emuflow.ml.emulator.Hdf5Export;
import io.emuflow.provenance.StepProvenance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a model bundle as one HDF5 file that numpy alone can evaluate (formula in docs/models.md). */
@Command(name = "export-model", mixinStandardHelpOptions = true,
        description = "Export a model bundle to HDF5 (weights, activation parameters, scalers, PCA basis) for numpy users.")
final class ExportModelCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "model bundle directory")
    Path modelDir;

    @Option(names = "--out", required = true, description = "HDF5 file to write")
    Path out;

    @Option(names = "--python", description = "also write the numpy evaluator script (emulator_numpy.py) here")
    Path python;

    @Override
    public Integer call() throws IOException {
        Emulator emulator = Emulator.load(modelDir);
        Hdf5Export.write(emulator, out, VersionInfo.full());
        if (python != null) {
            try (InputStream in = Hdf5Export.class.getResourceAsStream("emulator_numpy.py")) {
                byte[] script = in.readAllBytes();
                AtomicFiles.write(python, temporary -> Files.write(temporary, script));
            }
        }
        StepSupport.provenance(spec, emulator.metadata().study())
                .input("model", modelDir, "model")
                .output("export", out, "model-export", null)
                .write(StepProvenance.sidecarOf(out));
        return 0;
    }
}
