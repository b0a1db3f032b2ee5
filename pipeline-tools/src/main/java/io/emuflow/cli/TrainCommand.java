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
import io.emuflow.ml.search.SearchSpace;
import io.emuflow.ml.search.TrialRecord;
import io.emuflow.ml.search.TrialSampler;
import java.util.ArrayList;
import java.util.List;
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

    @Option(names = "--trial-index", description = "run trial N (0-based) of the model's hyperparameter search")
    Integer trialIndex;

    @Option(names = "--trials-dir", description = "finished trials' *.trial.json (the TPE sampler learns from them)")
    Path trialsDir;

    @Option(names = "--trial-out", description = "trial record to write (default: <out>.trial.json)")
    Path trialOut;

    @Option(names = "--test", description = "test split (HDF5): its loss goes into the trial record, never into selection")
    Path testFile;

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
        ModelSettings base = ModelSettings.fromMap(study.model(modelName));
        ModelSettings settings;
        long trainSeed;
        Map<String, Object> point = null;
        SearchSpace search = base.search();
        if (trialIndex != null) {
            if (search == null) {
                throw new IllegalArgumentException("model '" + modelName + "' has no 'search' entry, so --trial-index means nothing");
            }
            List<TrialSampler.Observation> finished = new ArrayList<>();
            if (trialsDir != null) {
                for (TrialRecord r : TrialRecord.readAll(trialsDir)) {
                    if (r.study().equals(study.name()) && r.model().equals(modelName)) {
                        finished.add(r.observation());
                    }
                }
            }
            point = TrialSampler.propose(search, trialIndex, Seeds.derive(seed, "search/" + modelName), finished);
            settings = base.forTrial(point).withOverrides(overrides);
            trainSeed = Seeds.derive(seed, "train/" + modelName + "/trial-" + trialIndex);
        } else {
            settings = (search == null ? base : base.forTrial(Map.of())).withOverrides(overrides);
            trainSeed = Seeds.derive(seed, "train/" + modelName);
        }
        EmulatorMetadata metadata = new EmulatorMetadata(study.name(), train.parameterNames(), target, train.grid(), "k");
        Emulator emulator = EmulatorTrainer.train(
                new TrainingData(train.params(), Splitter.log10(train.target(target))),
                new TrainingData(validation.params(), Splitter.log10(validation.target(target))),
                paramScaler, targetScaler, settings, metadata, trainSeed);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("train_sha256", Hashing.sha256(trainFile));
        data.put("validation_sha256", Hashing.sha256(validationFile));
        emulator = emulator.withSummary(Map.of("data", data));
        emulator.save(out);
        String bundleSha = Hashing.sha256(out);
        Double testLoss = null;
        if (testFile != null) {
            SpectrumDataset test = DatasetFile.read(testFile);
            if (!test.study().equals(study.name()) || !Arrays.equals(test.grid(), train.grid())
                    || !test.parameterNames().equals(train.parameterNames())) {
                throw new IllegalArgumentException(testFile + " does not match the training split (study, grid or parameters)");
            }
            testLoss = emulator.standardisedLoss(new TrainingData(test.params(), Splitter.log10(test.target(target))));
        }
        TrialRecord record = null;
        Path trialPath = trialOut != null ? trialOut : out.resolveSibling(out.getFileName() + ".trial.json");
        if (trialIndex != null) {
            Map<String, Object> summary = emulator.trainingSummary();
            int bestEpoch = ((Number) summary.get("best_epoch")).intValue();
            double trainLoss = bestEpoch > 0 ? emulator.history().get(bestEpoch - 1).trainLoss() : Double.NaN;
            record = new TrialRecord(study.name(), modelName, trialIndex, search.sampler(), seed, point, settings.toMap(), trainLoss,
                    ((Number) summary.get("best_validation_loss")).doubleValue(), testLoss, emulator.history().size(),
                    ((Number) summary.get("seconds")).doubleValue(), bundleSha);
            record.write(trialPath);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", modelName);
        model.put("bundle_sha256", bundleSha);
        if (record != null) {
            model.put("trial", record.toMap());
        }
        model.put("target", target);
        model.put("epochs", emulator.history().size());
        StepProvenance prov = StepSupport.provenance(spec, study.name())
                .seed(seed)
                .setting("derived_seed", trainSeed)
                .setting("model", settings.toMap())
                .extra("model", model)
                .input("study", studyFile, "study")
                .input("train", trainFile, "dataset")
                .input("validation", validationFile, "dataset")
                .output("model", out, "model", null);
        if (testFile != null) {
            prov.input("test", testFile, "dataset");
        }
        if (trialIndex != null && trialsDir != null) {
            try (var files = java.nio.file.Files.list(trialsDir)) {
                int i = 0;
                for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".trial.json")).sorted().toList()) {
                    prov.input("finished_trial_" + i++, f, "trial");
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (record != null) {
            prov.output("trial", trialPath, "trial", null);
        }
        prov.write(StepProvenance.sidecarOf(out));
        return 0;
    }

    private static Standardizer scaler(SpectrumDataset train, String name) {
        Standardizer scaler = train.scalers().get(name);
        if (scaler == null) {
            throw new IllegalArgumentException("the training split has no '" + name + "' scaler: give the train.h5 written by split"
                    + " (split fits no log10 scaler to a target with zero or negative values, which an emulator cannot learn in log10)");
        }
        return scaler;
    }
}
