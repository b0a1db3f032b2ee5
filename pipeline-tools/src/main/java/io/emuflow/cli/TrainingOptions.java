package io.emuflow.cli;

import io.emuflow.data.DatasetFile;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.study.Study;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every training step shares (train and train-inverse), as a picocli mixin. */
final class TrainingOptions {
    @Option(names = "--study", required = true, description = "resolved study (study.json)")
    Path studyFile;

    @Option(names = "--train", required = true, description = "training split (HDF5, with the scalers fitted on it)")
    Path trainFile;

    @Option(names = "--validation", required = true, description = "validation split (HDF5)")
    Path validationFile;

    @Option(names = "--model", required = true, description = "name of the model in the study's models list")
    String modelName;

    @Option(names = "--seed", required = true, description = "pipeline seed")
    long seed;

    @Option(names = "--max-epochs", description = "cap on epochs (overrides the model's max_epochs or schedule when smaller)")
    Integer maxEpochs;

    @Option(names = "--out", required = true, description = "model bundle directory")
    Path out;

    /** Reads one split and checks that it belongs to the study being trained. */
    static SpectrumDataset readSplit(Path file, Study study) {
        SpectrumDataset d = DatasetFile.read(file);
        if (!d.study().equals(study.name())) {
            throw new IllegalArgumentException("dataset of study '" + d.study() + "' given to a '" + study.name() + "' training");
        }
        return d;
    }
}
