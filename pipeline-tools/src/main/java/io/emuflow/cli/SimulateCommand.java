package io.emuflow.cli;

import io.emuflow.data.AtomicFiles;
import io.emuflow.data.BoxScratch;
import io.emuflow.data.BoxSpec;
import io.emuflow.data.DatasetFile;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.provenance.StepProvenance;
import io.emuflow.simulate.ChunkRunner;
import io.emuflow.simulate.Simulator;
import io.emuflow.simulate.SimulatorRegistry;
import io.emuflow.study.Study;
import io.emuflow.study.StudyLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Simulates one chunk of the samples (one Nextflow task per chunk). */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run the study's simulator on one chunk of the samples.")
final class SimulateCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(SimulateCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--study", required = true, description = "resolved study (study.json from sample)")
    Path studyFile;

    @Option(names = "--samples", required = true, description = "samples file (HDF5)")
    Path samplesFile;

    @Option(names = "--chunk", required = true, description = "chunk number, from 0")
    int chunk;

    @Option(names = "--chunk-size", required = true, description = "samples per chunk")
    int chunkSize;

    @Option(names = "--threads", defaultValue = "1", description = "worker threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--out", required = true, description = "chunk file (HDF5)")
    Path out;

    @Override
    public Integer call() {
        if (chunk < 0 || chunkSize < 1) {
            throw new IllegalArgumentException("--chunk must be >= 0 and --chunk-size >= 1, got " + chunk + " and " + chunkSize);
        }
        Study study = StudyLoader.loadResolved(studyFile);
        SpectrumDataset samples = DatasetFile.read(samplesFile);
        if (!samples.study().equals(study.name())) {
            throw new IllegalArgumentException(samplesFile + " holds samples of study '" + samples.study() + "', not '" + study.name() + "'");
        }
        Simulator simulator = SimulatorRegistry.createFor(study.simulator(), study.simulatorSettings(), samples.parameters());
        long from = (long) chunk * chunkSize;
        if (from >= samples.size()) {
            throw new IllegalArgumentException("chunk " + chunk + " starts at sample " + from + ", past the " + samples.size() + " samples");
        }
        int to = (int) Math.min(samples.size(), from + chunkSize);
        List<BoxSpec> boxes = simulator.boxes();
        ChunkRunner.Result result;
        // boxes go to a scratch file as samples finish (jhdf writes the dataset file whole, after the simulation)
        try (BoxScratch scratch = boxes.isEmpty() ? null : BoxScratch.create(scratchFile(), boxes, to - (int) from)) {
            if (scratch != null) {
                long bytes = boxes.stream().mapToLong(BoxSpec::rowBytes).sum() * (to - from);
                LOG.info("saving {} boxes per sample ({} MiB for {} samples) to {}", boxes.size(), bytes >> 20, to - from, out);
            }
            result = ChunkRunner.run(simulator, samples, (int) from, to, threads, scratch);
            if (result.failed() > 0) {
                LOG.warn("{} of {} samples failed and were written as NaN rows", result.failed(), to - from);
            }
            AtomicFiles.writeAll(Map.of(out, DatasetFile.writer(result.chunk(), out, VersionInfo.full())), List.of(StepProvenance.sidecarOf(out)));
        }
        StepProvenance prov = StepSupport.simulatorWarnings(StepSupport.provenance(spec, study.name()), simulator);
        if (!boxes.isEmpty()) {
            prov.setting("boxes", boxes.stream().map(BoxSpec::name).toList());
        }
        prov.setting("simulator", study.simulator())
                .setting("simulator_settings", simulator.resolvedSettings())
                .setting("chunk", chunk)
                .setting("chunk_size", chunkSize)
                .setting("rows", new int[] {(int) from, to})
                .setting("failed_samples", result.failed())
                .input("study", studyFile, "study")
                .input("samples", samplesFile, "samples")
                .output("chunk", out, "dataset", StepSupport.shape(to - from, simulator.grid().length))
                .write(StepProvenance.sidecarOf(out));
        return 0;
    }

    /** Hidden, next to the output (the task's own directory under Nextflow), named per process. */
    private Path scratchFile() {
        Path absolute = out.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + ".boxes-" + ProcessHandle.current().pid());
    }
}
