package io.emuflow.cli;

import io.emuflow.data.AtomicFiles;
import io.emuflow.data.Cleaner;
import io.emuflow.data.DatasetFile;
import io.emuflow.data.Json;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.provenance.StepProvenance;
import io.emuflow.study.Study;
import io.emuflow.study.StudyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Removes NaN/Inf rows or columns by the study's policy and reports what went. */
@Command(name = "clean", mixinStandardHelpOptions = true, description = "Remove NaN/Inf values by the study's cleaning policy.")
final class CleanCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(CleanCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--study", required = true, description = "resolved study (study.json)")
    Path studyFile;

    @Option(names = "--in", required = true, description = "dataset (HDF5)")
    Path in;

    @Option(names = "--policy", description = "drop-rows, drop-columns or fail (default: the study's)")
    String policy;

    @Option(names = "--out", required = true, description = "cleaned dataset (HDF5)")
    Path out;

    @Option(names = "--report", required = true, description = "what was removed (JSON)")
    Path report;

    @Override
    public Integer call() throws Exception {
        Study study = StudyLoader.loadResolved(studyFile);
        SpectrumDataset data = DatasetFile.read(in);
        String chosen = policy != null ? policy : study.cleaningPolicy();
        Cleaner.Result result = Cleaner.clean(data, chosen, study.maxRemovedFraction());
        Cleaner.Report r = result.report();
        LOG.info("clean ({}): kept {} of {} samples and {} of {} grid columns", chosen, r.rowsOut(), r.rowsIn(), r.columnsOut(), r.columnsIn());
        String json = Json.MAPPER.writeValueAsString(r);
        Map<Path, AtomicFiles.Writer> outputs = new LinkedHashMap<>();
        outputs.put(out, DatasetFile.writer(result.dataset(), out, VersionInfo.full()));
        outputs.put(report, temporary -> Files.writeString(temporary, json + "\n"));
        AtomicFiles.writeAll(outputs, List.of(StepProvenance.sidecarOf(out)));
        StepSupport.provenance(spec, study.name())
                .setting("policy", chosen)
                .setting("max_removed_fraction", study.maxRemovedFraction())
                .setting("removed_samples", r.removedSampleIds().size())
                .setting("removed_columns", r.removedGridValues().size())
                .input("study", studyFile, "study")
                .input("dataset", in, "dataset")
                .output("dataset", out, "dataset", StepSupport.shape(r.rowsOut(), r.columnsOut()))
                .output("report", report, "report", null)
                .write(StepProvenance.sidecarOf(out));
        return 0;
    }
}
