package io.emuflow.cli;

import io.emuflow.data.DatasetFile;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.data.Splitter;
import io.emuflow.data.Standardizer;
import io.emuflow.ml.Emulator;
import io.emuflow.ml.EmulatorMetadata;
import io.emuflow.ml.EmulatorTrainer;
import io.emuflow.ml.ModelSettings;
import io.emuflow.ml.TrainingData;
import io.emuflow.provenance.Hashing;
import io.emuflow.provenance.StepProvenance;
import io.emuflow.sampling.Seeds;
import io.emuflow.study.Study;
import io.emuflow.study.StudyLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Trains one of the study's models on the training split, with early stopping on the validation split. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an emulator (parameters -> log10 spectrum) and write its model bundle.")
final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--study", required = true, description = "resolved study (study.json)")
    Path studyFile;

    @Option(names = "--train", required = true, description = "training split (HDF5, with scalers)")
    Path trainFile;

    @Option(names = "--validation", required = true, description = "validation split (HDF5)")
    Path validationFile;

    @Option(names = "--model", required = true, description = "name of the model in the study's models list")
    String modelName;

    @Option(names = "--seed", required = true, description = "pipeline seed")
    long seed;

    @Option(names = "--max-epochs", description = "cap on epochs (overrides the model's schedule)")
    Integer maxEpochs;

    @Option(names = "--out", required = true, description = "model bundle directory")
    Path out;

    @Override
    public Integer call() {
        Study study = StudyLoader.loadResolved(studyFile);
        SpectrumDataset train = DatasetFile.read(trainFile);
        SpectrumDataset validation = DatasetFile.read(validationFile);
        for (SpectrumDataset d : new SpectrumDataset[] {train, validation}) {
            if (!d.study().equals(study.name())) {
                throw new IllegalArgumentException("dataset of study '" + d.study() + "' given to a '" + study.name() + "' training");
            }
        }
        if (!Arrays.equals(train.grid(), validation.grid()) || !train.parameterNames().equals(validation.parameterNames())) {
            throw new IllegalArgumentException("training and validation splits differ in grid or parameters");
        }
        String target = study.target();
        Standardizer paramScaler = scaler(train, "params");
        Standardizer targetScaler = scaler(train, "targets/" + target);
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (maxEpochs != null) {
            overrides.put("max_epochs", maxEpochs);
        }
        ModelSettings settings = ModelSettings.fromMap(study.model(modelName)).withOverrides(overrides);
        long trainSeed = Seeds.derive(seed, "train/" + modelName);
        EmulatorMetadata metadata = new EmulatorMetadata(study.name(), train.parameterNames(), target, train.grid(), "k");
        Emulator emulator = EmulatorTrainer.train(
                new TrainingData(train.params(), Splitter.log10(train.target(target))),
                new TrainingData(validation.params(), Splitter.log10(validation.target(target))),
                paramScaler, targetScaler, settings, metadata, trainSeed);
        emulator.save(out);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", modelName);
        model.put("bundle_sha256", Hashing.sha256(out));
        model.put("target", target);
        model.put("epochs", emulator.history().size());
        StepSupport.provenance(spec, study.name())
                .seed(seed)
                .setting("derived_seed", trainSeed)
                .setting("model", settings.toMap())
                .extra("model", model)
                .input("study", studyFile, "study")
                .input("train", trainFile, "dataset")
                .input("validation", validationFile, "dataset")
                .output("model", out, "model", null)
                .write(StepProvenance.sidecarOf(out));
        return 0;
    }

    private static Standardizer scaler(SpectrumDataset train, String name) {
        Standardizer scaler = train.scalers().get(name);
        if (scaler == null) {
            throw new IllegalArgumentException("the training split has no '" + name + "' scaler: give the train.h5 written by split");
        }
        return scaler;
    }
}
