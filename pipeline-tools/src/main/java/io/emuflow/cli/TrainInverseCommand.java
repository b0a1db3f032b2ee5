package io.emuflow.cli;

import io.emuflow.data.SpectrumDataset;
import io.emuflow.ml.inverse.InverseModel;
import io.emuflow.ml.inverse.InverseSettings;
import io.emuflow.ml.inverse.InverseTrainer;
import io.emuflow.provenance.Hashing;
import io.emuflow.provenance.StepProvenance;
import io.emuflow.sampling.Seeds;
import io.emuflow.study.Study;
import io.emuflow.study.StudyLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Trains one of an inverse study's models (spectra -> parameters) with early stopping on the validation split. */
@Command(name = "train-inverse", mixinStandardHelpOptions = true,
        description = "Train an inverse model (spectra -> parameters: regression or classes) and write its model bundle.")
final class TrainInverseCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    TrainingOptions options;

    @Override
    public Integer call() {
        Study study = StudyLoader.loadResolved(options.studyFile);
        if (!"inverse".equals(study.kind())) {
            throw new IllegalArgumentException("study " + study.name() + " is of kind '" + study.kind() + "': train-inverse trains inverse studies (use train)");
        }
        SpectrumDataset train = TrainingOptions.readSplit(options.trainFile, study);
        SpectrumDataset validation = TrainingOptions.readSplit(options.validationFile, study);
        InverseSettings settings = InverseSettings.fromMap(study.model(options.modelName));
        if (options.maxEpochs != null) {
            settings = settings.withMaxEpochs(options.maxEpochs);
        }
        long trainSeed = Seeds.derive(options.seed, "train-inverse/" + options.modelName);
        InverseModel model = InverseTrainer.train(settings, train, validation, trainSeed);
        model.save(options.out);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", options.modelName);
        summary.put("bundle_sha256", Hashing.sha256(options.out));
        summary.put("task", settings.task().name().toLowerCase());
        summary.put("network", settings.network().name().toLowerCase());
        summary.put("inputs", model.inputNames());
        summary.put("epochs", model.history().size());
        if (model.recalibration() != null) { // fitted on the validation split, stored in the bundle (recalibration.json)
            summary.put("calibration", model.settings().calibration().name().toLowerCase());
            summary.put("calibration_samples", model.recalibration().samples());
        }
        StepSupport.provenance(spec, study.name())
                .seed(options.seed)
                .setting("derived_seed", trainSeed)
                .setting("model", settings.toMap())
                .extra("model", summary)
                .input("study", options.studyFile, "study")
                .input("train", options.trainFile, "dataset")
                .input("validation", options.validationFile, "dataset")
                .output("model", options.out, "model", null)
                .write(StepProvenance.sidecarOf(options.out));
        return 0;
    }
}
