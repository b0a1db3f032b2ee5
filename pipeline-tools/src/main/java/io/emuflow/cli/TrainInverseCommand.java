package io.emuflow.cli;

import io.emuflow.data.DatasetFile;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.ml.inverse.InverseModel;
import io.emuflow.ml.inverse.InverseSettings;
import io.emuflow.ml.inverse.InverseTrainer;
import io.emuflow.provenance.Hashing;
import io.emuflow.provenance.StepProvenance;
import io.emuflow.sampling.Seeds;
import io.emuflow.study.Study;
import io.emuflow.study.StudyLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Trains one of an inverse study's models (spectra -> parameters) with early stopping on the validation split. */
@Command(name = "train-inverse", mixinStandardHelpOptions = true,
        description = "Train an inverse model (spectra -> parameters: regression or classes) and write its model bundle.")
final class TrainInverseCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--study", required = true, description = "resolved study (study.json)")
    Path studyFile;

    @Option(names = "--train", required = true, description = "training split (HDF5)")
    Path trainFile;

    @Option(names = "--validation", required = true, description = "validation split (HDF5)")
    Path validationFile;

    @Option(names = "--model", required = true, description = "name of the model in the study's models list")
    String modelName;

    @Option(names = "--seed", required = true, description = "pipeline seed")
    long seed;

    @Option(names = "--max-epochs", description = "cap on epochs (overrides the model's max_epochs when smaller)")
    Integer maxEpochs;

    @Option(names = "--out", required = true, description = "model bundle directory")
    Path out;

    @Override
    public Integer call() {
        Study study = StudyLoader.loadResolved(studyFile);
        if (!"inverse".equals(study.kind())) {
            throw new IllegalArgumentException("study " + study.name() + " is of kind '" + study.kind() + "': train-inverse trains inverse studies (use train)");
        }
        SpectrumDataset train = DatasetFile.read(trainFile);
        SpectrumDataset validation = DatasetFile.read(validationFile);
        for (SpectrumDataset d : new SpectrumDataset[] {train, validation}) {
            if (!d.study().equals(study.name())) {
                throw new IllegalArgumentException("dataset of study '" + d.study() + "' given to a '" + study.name() + "' training");
            }
        }
        InverseSettings settings = InverseSettings.fromMap(study.model(modelName));
        if (maxEpochs != null) {
            settings = settings.withMaxEpochs(maxEpochs);
        }
        long trainSeed = Seeds.derive(seed, "train-inverse/" + modelName);
        InverseModel model = InverseTrainer.train(settings, train, validation, trainSeed);
        model.save(out);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", modelName);
        summary.put("bundle_sha256", Hashing.sha256(out));
        summary.put("task", settings.task().name().toLowerCase());
        summary.put("network", settings.network().name().toLowerCase());
        summary.put("inputs", model.features().inputs());
        summary.put("epochs", model.history().size());
        StepSupport.provenance(spec, study.name())
                .seed(seed)
                .setting("derived_seed", trainSeed)
                .setting("model", settings.toMap())
                .extra("model", summary)
                .input("study", studyFile, "study")
                .input("train", trainFile, "dataset")
                .input("validation", validationFile, "dataset")
                .output("model", out, "model", null)
                .write(StepProvenance.sidecarOf(out));
        return 0;
    }
}
