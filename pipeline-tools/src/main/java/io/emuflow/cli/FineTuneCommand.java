package io.emuflow.cli;

import io.emuflow.data.AtomicFiles;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.ml.emulator.Emulator;
import io.emuflow.ml.emulator.FineTuneSearch;
import io.emuflow.ml.emulator.FineTuner;
import io.emuflow.ml.emulator.ModelSettings;
import io.emuflow.ml.emulator.TrainingData;
import io.emuflow.ml.search.FineTuneRecord;
import io.emuflow.ml.search.TrialSampler;
import io.emuflow.provenance.Hashing;
import io.emuflow.provenance.StepProvenance;
import io.emuflow.sampling.Seeds;
import io.emuflow.study.Study;
import io.emuflow.study.StudyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One trial of a model's fine-tuning search: fine-tunes a trained bundle on its worst training samples with the
 * trial's settings, and writes the bundle (the original one, unchanged, when validation did not improve) and the
 * trial record.
 */
@Command(name = "fine-tune", mixinStandardHelpOptions = true,
        description = "Fine-tune a trained emulator on its N worst training samples with trial N of the model's fine_tune search; "
                + "keeps the original weights when the validation loss does not improve.")
final class FineTuneCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    TrainingOptions options;

    @Option(names = "--model-dir", required = true, description = "the trained model bundle to fine-tune")
    Path modelDir;

    @Option(names = "--trial-index", required = true, description = "run trial N (0-based) of the model's fine_tune search")
    int trialIndex;

    @Option(names = "--trials-dir", description = "finished fine-tune trials' *.fine_tune.json (the TPE sampler learns from them)")
    Path trialsDir;

    @Option(names = "--trial-out", description = "trial record to write (default: <out>.fine_tune.json)")
    Path trialOut;

    @Option(names = "--test", description = "test split (HDF5): its loss goes into the trial record, never into selection")
    Path testFile;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        Study study = StudyLoader.loadResolved(options.studyFile);
        Map<String, Object> entry = new LinkedHashMap<>(study.model(options.modelName));
        entry.remove("target");
        ModelSettings.FineTune fineTune = ModelSettings.fromMap(entry).fineTune();
        if (fineTune == null || !fineTune.searched()) {
            throw new IllegalArgumentException("model '" + options.modelName + "' has no 'fine_tune: {search: ...}' entry to take trial settings from");
        }
        if (!Files.isDirectory(modelDir)) {
            throw new IllegalArgumentException("model bundle " + modelDir + " does not exist");
        }
        Emulator base = Emulator.load(modelDir);
        if (!base.metadata().study().equals(study.name()) || !base.settings().name().equals(options.modelName)) {
            throw new IllegalArgumentException("model bundle " + modelDir + " is model '" + base.settings().name() + "' of study '"
                    + base.metadata().study() + "', not '" + options.modelName + "' of '" + study.name() + "'");
        }
        SpectrumDataset train = checked(TrainingOptions.readSplit(options.trainFile, study), base, options.trainFile);
        SpectrumDataset validation = checked(TrainingOptions.readSplit(options.validationFile, study), base, options.validationFile);
        List<String> targets = base.metadata().targetNames();
        boolean linear = base.settings().linearTarget();
        String baseSha = Hashing.sha256(modelDir);

        FineTuneSearch search = fineTune.search();
        List<TrialSampler.Observation> finished = new ArrayList<>();
        List<Path> finishedFiles = new ArrayList<>();
        if (trialsDir != null) {
            for (FineTuneRecord r : FineTuneRecord.readAll(trialsDir)) {
                // learn only from trials of this model that started from this very bundle
                if (r.study().equals(study.name()) && r.model().equals(options.modelName) && r.baseBundleSha256().equals(baseSha)) {
                    finished.add(r.observation());
                }
            }
            finishedFiles.addAll(FineTuneRecord.files(trialsDir));
        }
        Map<String, Object> point = TrialSampler.propose(search.space(), trialIndex,
                Seeds.derive(options.seed, "fine-tune-search/" + options.modelName), finished);
        ModelSettings.FineTune settings = search.settings(fineTune, point);
        if (options.maxEpochs != null) {
            if (options.maxEpochs < 1) {
                throw new IllegalArgumentException("--max-epochs must be at least 1, got " + options.maxEpochs);
            }
            ModelSettings.Stage s = settings.stage();
            settings = new ModelSettings.FineTune(settings.samples(),
                    new ModelSettings.Stage(s.learningRate(), s.batchSize(), s.patience(), Math.min(s.maxEpochs(), options.maxEpochs)), null);
        }
        long seed = Seeds.derive(options.seed, "fine-tune/" + options.modelName + "/trial-" + trialIndex);
        TrainingData trainData = new TrainingData(train.params(), TrainCommand.learntTargets(train, targets, linear));
        FineTuner.Result result = FineTuner.fineTune(base, trainData,
                new TrainingData(validation.params(), TrainCommand.learntTargets(validation, targets, linear)), settings, seed);

        Emulator kept;
        if (result.improved()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("fine_tune_train_sha256", Hashing.sha256(options.trainFile));
            data.put("fine_tune_validation_sha256", Hashing.sha256(options.validationFile));
            data.put("fine_tune_base_bundle_sha256", baseSha);
            kept = result.emulator().withSummary(data);
            kept.save(options.out);
        } else {
            kept = base; // the original bundle, byte for byte: the pass did not beat it
            copyBundle(modelDir, options.out);
        }
        String bundleSha = Hashing.sha256(options.out);
        Double testLoss = null;
        if (testFile != null) {
            SpectrumDataset test = checked(TrainingOptions.readSplit(testFile, study), base, testFile);
            testLoss = kept.standardisedLoss(new TrainingData(test.params(), TrainCommand.learntTargets(test, targets, linear)));
        }
        Map<String, Object> used = new LinkedHashMap<>();
        used.put("samples", settings.samples());
        used.put("learning_rate", settings.stage().learningRate());
        used.put("batch_size", settings.stage().batchSize());
        used.put("patience", settings.stage().patience());
        used.put("max_epochs", settings.stage().maxEpochs());
        // the sampler that proposed this trial, as TrialSampler decides: random until TPE has its start-up trials
        String sampler = search.space().sampler().equals("tpe") && trialIndex >= search.space().startupTrials()
                && finished.stream().filter(o -> Double.isFinite(o.validationLoss()) && o.trialIndex() != trialIndex).count() >= 2
                ? "tpe" : "random";
        FineTuneRecord record = new FineTuneRecord(study.name(), options.modelName, trialIndex, sampler, options.seed,
                point, used, baseSha, result.baseValidationLoss(), result.passValidationLoss(), result.validationLoss(),
                kept.standardisedLoss(trainData), testLoss, result.improved(), result.epochs(), (System.nanoTime() - started) / 1e9,
                bundleSha);
        Path trialPath = trialOut != null ? trialOut : options.out.resolveSibling(options.out.getFileName() + FineTuneRecord.SUFFIX);
        record.write(trialPath);

        StepProvenance prov = StepSupport.provenance(spec, study.name())
                .seed(options.seed)
                .setting("derived_seed", seed)
                .setting("fine_tune", used)
                .extra("model", modelExtra(options.modelName, bundleSha, base, record))
                .input("study", options.studyFile, "study")
                .input("base_model", modelDir, "model")
                .input("train", options.trainFile, "dataset")
                .input("validation", options.validationFile, "dataset");
        if (testFile != null) {
            prov.input("test", testFile, "dataset");
        }
        for (int i = 0; i < finishedFiles.size(); i++) {
            prov.input("finished_trial_" + i, finishedFiles.get(i), "trial");
        }
        prov.output("model", options.out, "model", null).output("trial", trialPath, "trial", null)
                .write(StepProvenance.sidecarOf(options.out));
        return 0;
    }

    /** The sidecar's "model" extra (the provenance store names the bundle after it), with the trial record. */
    private static Map<String, Object> modelExtra(String name, String sha, Emulator base, FineTuneRecord record) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", name);
        model.put("bundle_sha256", sha);
        model.put("target", base.metadata().targetName());
        model.put("fine_tune_trial", record.toMap());
        return model;
    }

    private static SpectrumDataset checked(SpectrumDataset data, Emulator model, Path file) {
        if (!Arrays.equals(data.grid(), model.metadata().grid()) || !data.parameterNames().equals(model.metadata().paramNames())) {
            throw new IllegalArgumentException(file + " does not match the model bundle (grid or parameters differ)");
        }
        return data;
    }

    /** Copies a bundle through a temporary name; a symlinked bundle (as Nextflow stages inputs) is followed at the top. */
    static void copyBundle(Path bundle, Path out) {
        AtomicFiles.write(out, to -> {
            Path from = bundle.toRealPath();
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : walk.sorted().toList()) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
        });
    }
}
