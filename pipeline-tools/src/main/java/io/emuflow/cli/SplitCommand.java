package io.emuflow.cli;

import io.emuflow.data.AtomicFiles;
import io.emuflow.data.DatasetFile;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.data.Splitter;
import io.emuflow.provenance.StepProvenance;
import io.emuflow.sampling.Seeds;
import io.emuflow.study.Study;
import io.emuflow.study.StudyLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Splits into train/validation/test and fits the scalers on the training split only. */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = "Split a dataset into train/validation/test; fit scalers on the training split.")
final class SplitCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--study", required = true, description = "resolved study (study.json)")
    Path studyFile;

    @Option(names = "--in", required = true, description = "cleaned dataset (HDF5)")
    Path in;

    @Option(names = "--seed", required = true, description = "pipeline seed")
    long seed;

    @Option(names = "--out-dir", defaultValue = ".", description = "where train.h5, validation.h5 and test.h5 go")
    Path outDir;

    @Override
    public Integer call() {
        Study study = StudyLoader.loadResolved(studyFile);
        SpectrumDataset data = DatasetFile.read(in);
        long splitSeed = Seeds.derive(seed, "split");
        Splitter.Splits splits = Splitter.split(data, study.trainFraction(), study.validationFraction(), splitSeed, study.stdFloor());
        Path train = outDir.resolve("train.h5");
        Path validation = outDir.resolve("validation.h5");
        Path test = outDir.resolve("test.h5");
        // the three splits are one set: all are written, or (a full disk, a kill) none replaces a previous one
        Map<Path, AtomicFiles.Writer> outputs = new LinkedHashMap<>();
        outputs.put(validation, DatasetFile.writer(splits.validation(), validation, VersionInfo.full()));
        outputs.put(test, DatasetFile.writer(splits.test(), test, VersionInfo.full()));
        outputs.put(train, DatasetFile.writer(splits.train(), train, VersionInfo.full()));
        AtomicFiles.writeAll(outputs, List.of(StepProvenance.sidecarOf(train)));
        int k = data.grid().length;
        StepSupport.provenance(spec, study.name())
                .seed(seed)
                .setting("derived_seed", splitSeed)
                .setting("fractions", new double[] {study.trainFraction(), study.validationFraction(), study.testFraction()})
                .setting("std_floor", study.stdFloor())
                .setting("scalers", "standard; parameters as sampled, targets in log10; fitted on train only")
                .input("study", studyFile, "study")
                .input("dataset", in, "dataset")
                .output("train", train, "dataset", StepSupport.shape(splits.train().size(), k))
                .output("validation", validation, "dataset", StepSupport.shape(splits.validation().size(), k))
                .output("test", test, "dataset", StepSupport.shape(splits.test().size(), k))
                .write(StepProvenance.sidecarOf(train));
        return 0;
    }
}
