package io.emuflow.cli;

import io.emuflow.data.DatasetFile;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.data.Splitter;
import io.emuflow.data.Standardizer;
import io.emuflow.ml.emulator.Emulator;
import io.emuflow.ml.emulator.EmulatorMetadata;
import io.emuflow.ml.emulator.EmulatorTrainer;
import io.emuflow.ml.emulator.ModelSettings;
import io.emuflow.ml.emulator.SplitErrors;
import io.emuflow.ml.emulator.TrainingData;
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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    TrainingOptions options;

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
        Study study = StudyLoader.loadResolved(options.studyFile);
        SpectrumDataset train = TrainingOptions.readSplit(options.trainFile, study);
        SpectrumDataset validation = TrainingOptions.readSplit(options.validationFile, study);
        if (!Arrays.equals(train.grid(), validation.grid()) || !train.parameterNames().equals(validation.parameterNames())) {
            throw new IllegalArgumentException("training and validation splits differ in grid or parameters");
        }
        Map<String, Object> modelEntry = new LinkedHashMap<>(study.model(options.modelName));
        List<String> targets = modelTargets(study, modelEntry.remove("target"));
        ModelSettings base = ModelSettings.fromMap(modelEntry);
        boolean linear = base.linearTarget();
        Standardizer paramScaler = scaler(train, "params");
        Standardizer targetScaler = linear ? linearScaler(train, targets) : targetScaler(train, targets);
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (options.maxEpochs != null) {
            overrides.put("max_epochs", options.maxEpochs);
        }
        ModelSettings settings;
        long trainSeed;
        Map<String, Object> point = null;
        SearchSpace search = base.search();
        if (trialIndex != null) {
            if (search == null) {
                throw new IllegalArgumentException("model '" + options.modelName + "' has no 'search' entry, so --trial-index means nothing");
            }
            List<TrialSampler.Observation> finished = new ArrayList<>();
            if (trialsDir != null) {
                for (TrialRecord r : TrialRecord.readAll(trialsDir)) {
                    if (r.study().equals(study.name()) && r.model().equals(options.modelName)) {
                        finished.add(r.observation());
                    }
                }
            }
            point = TrialSampler.propose(search, trialIndex, Seeds.derive(options.seed, "search/" + options.modelName), finished);
            settings = base.forTrial(point).withOverrides(overrides);
            trainSeed = Seeds.derive(options.seed, "train/" + options.modelName + "/trial-" + trialIndex);
        } else {
            settings = (search == null ? base : base.forTrial(Map.of())).withOverrides(overrides);
            trainSeed = Seeds.derive(options.seed, "train/" + options.modelName);
        }
        EmulatorMetadata metadata = new EmulatorMetadata(study.name(), train.parameterNames(), targets, train.grid(), gridName(study),
                study.parameters());
        Emulator emulator = EmulatorTrainer.train(
                new TrainingData(train.params(), learntTargets(train, targets, linear)),
                new TrainingData(validation.params(), learntTargets(validation, targets, linear)),
                paramScaler, targetScaler, settings, metadata, trainSeed);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("train_sha256", Hashing.sha256(options.trainFile));
        data.put("validation_sha256", Hashing.sha256(options.validationFile));
        emulator = emulator.withSummary(Map.of("data", data));
        emulator.save(options.out);
        String bundleSha = Hashing.sha256(options.out);
        Double testLoss = null;
        SplitErrors testErrors = null;
        if (testFile != null) {
            SpectrumDataset test = DatasetFile.read(testFile);
            if (!test.study().equals(study.name()) || !Arrays.equals(test.grid(), train.grid())
                    || !test.parameterNames().equals(train.parameterNames())) {
                throw new IllegalArgumentException(testFile + " does not match the training split (study, grid or parameters)");
            }
            testErrors = SplitErrors.of(emulator, new TrainingData(test.params(), learntTargets(test, targets, linear)));
            testLoss = testErrors.mse();
        }
        TrialRecord record = null;
        Path trialPath = trialOut != null ? trialOut : options.out.resolveSibling(options.out.getFileName() + TrialRecord.SUFFIX);
        if (trialIndex != null) {
            Map<String, Object> summary = emulator.trainingSummary();
            // the final network on each whole split, as the reference search's log reports them
            SplitErrors trainErrors = SplitErrors.of(emulator, new TrainingData(train.params(), learntTargets(train, targets, linear)));
            SplitErrors validationErrors = SplitErrors.of(emulator,
                    new TrainingData(validation.params(), learntTargets(validation, targets, linear)));
            String date = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            record = new TrialRecord(study.name(), options.modelName, trialIndex, search.sampler(), options.seed, point, settings.toMap(),
                    trainErrors.mse(), ((Number) summary.get("best_validation_loss")).doubleValue(), testLoss, emulator.history().size(),
                    ((Number) summary.get("seconds")).doubleValue(), bundleSha, date, trainErrors.mae(), validationErrors.mae(),
                    testErrors == null ? null : testErrors.mae());
            record.write(trialPath);
            LOG.info("trial: {}", record.logLine());
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", options.modelName);
        model.put("bundle_sha256", bundleSha);
        if (record != null) {
            model.put("trial", record.toMap());
        }
        model.put("target", metadata.targetName());
        model.put("epochs", emulator.history().size());
        StepProvenance prov = StepSupport.provenance(spec, study.name())
                .seed(options.seed)
                .setting("derived_seed", trainSeed)
                .setting("model", settings.toMap())
                .extra("model", model)
                .input("study", options.studyFile, "study")
                .input("train", options.trainFile, "dataset")
                .input("validation", options.validationFile, "dataset")
                .output("model", options.out, "model", null);
        if (testFile != null) {
            prov.input("test", testFile, "dataset");
        }
        if (trialIndex != null && trialsDir != null) {
            int i = 0;
            for (Path f : TrialRecord.files(trialsDir)) {
                prov.input("finished_trial_" + i++, f, "trial");
            }
        }
        if (record != null) {
            prov.output("trial", trialPath, "trial", null);
        }
        prov.write(StepProvenance.sidecarOf(options.out));
        return 0;
    }

    /**
     * The grid's name for the bundle ("k", or e.g. "ell" from the table simulator): asked of the study's simulator,
     * which reads nothing to answer; a study whose simulator is not registered (datasets made elsewhere) keeps "k".
     */
    static String gridName(Study study) {
        try {
            return io.emuflow.simulate.SimulatorRegistry.create(study.simulator(), study.simulatorSettings()).gridName();
        } catch (IllegalArgumentException e) {
            return "k";
        }
    }

    /** What the network learns: log10 of every target, or the targets themselves (target_transform: none). */
    static double[][] learntTargets(SpectrumDataset data, List<String> targets, boolean linear) {
        if (!linear) {
            return log10Targets(data, targets);
        }
        List<double[][]> parts = new ArrayList<>();
        for (String t : targets) {
            parts.add(data.target(t).values());
        }
        return EmulatorMetadata.concatenate(parts);
    }

    /**
     * Scaler of targets learnt as they are: fitted here on the training split (split fits log10 scalers only), with a
     * std floor of 1e-6 of the largest column std (the study's std_floor is in log10 units).
     */
    private static Standardizer linearScaler(SpectrumDataset train, List<String> targets) {
        double[][] values = learntTargets(train, targets, true);
        double max = Arrays.stream(Standardizer.fit(values, Double.MIN_NORMAL).std()).max().orElse(1);
        return Standardizer.fit(values, max > 0 ? 1e-6 * max : Double.MIN_NORMAL);
    }

    /** log10 of every target, side by side (EmulatorMetadata's output order). */
    /**
     * The targets a model learns: the study's, or the subset its own {@code target:} entry names (a string or a list,
     * e.g. a 1-halo-only network of a study that simulates 1- and 2-halo terms). Evaluate, predict and export read
     * the model's targets from its bundle, so they follow.
     */
    static List<String> modelTargets(Study study, Object entry) {
        if (entry == null) {
            return study.targets();
        }
        List<String> own = new ArrayList<>();
        if (entry instanceof String name) {
            own.add(name);
        } else if (entry instanceof List<?> list && !list.isEmpty()) {
            for (Object item : list) {
                own.add(String.valueOf(item));
            }
        } else {
            throw new IllegalArgumentException("model setting 'target' must be a target name or a non-empty list of them, got " + entry);
        }
        for (String name : own) {
            if (!study.targets().contains(name)) {
                throw new IllegalArgumentException("model setting 'target' names '" + name + "', which is not a target of the study "
                        + study.targets());
            }
        }
        if (own.size() != new java.util.HashSet<>(own).size()) {
            throw new IllegalArgumentException("model setting 'target' names a target twice: " + own);
        }
        return own;
    }

    static double[][] log10Targets(SpectrumDataset data, List<String> targets) {
        List<double[][]> parts = new ArrayList<>();
        for (String t : targets) {
            parts.add(Splitter.log10(data.target(t)));
        }
        return EmulatorMetadata.concatenate(parts);
    }

    /** The split's log10 scalers of the targets, side by side. */
    private static Standardizer targetScaler(SpectrumDataset train, List<String> targets) {
        List<double[][]> means = new ArrayList<>();
        List<double[][]> stds = new ArrayList<>();
        for (String t : targets) {
            Standardizer s = scaler(train, "targets/" + t);
            means.add(new double[][] {s.mean()});
            stds.add(new double[][] {s.std()});
        }
        return new Standardizer(EmulatorMetadata.concatenate(means)[0], EmulatorMetadata.concatenate(stds)[0]);
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
