package io.emuflow.cli;

import io.emuflow.data.AtomicFiles;
import io.emuflow.data.DatasetFile;
import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.sampling.LatinHypercube;
import io.emuflow.sampling.Seeds;
import io.emuflow.simulate.Simulator;
import io.emuflow.simulate.SimulatorRegistry;
import io.emuflow.study.Study;
import io.emuflow.study.StudyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Resolves and validates the study, then draws a seeded Latin hypercube over its parameter box. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Validate a study and draw a Latin-hypercube sample of its parameters.")
final class SampleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--study", required = true, description = "study file (YAML)")
    Path studyFile;

    @Option(names = "--test-size", description = "apply the study's test_overrides (tiny data and models)")
    boolean testSize;

    @Option(names = "--samples", description = "number of samples (overrides the study)")
    Integer samples;

    @Option(names = "--seed", required = true, description = "pipeline seed")
    long seed;

    @Option(names = "--out", required = true, description = "samples file (HDF5)")
    Path out;

    @Option(names = "--study-out", required = true, description = "resolved study (JSON), read by every later step")
    Path studyOut;

    @Option(names = "--count-out", description = "also write the number of samples to this file (the pipeline sizes its chunks from it)")
    Path countOut;

    @Override
    public Integer call() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (samples != null) {
            overrides.put("samples", samples);
        }
        Study study = StudyLoader.load(studyFile, testSize, overrides);
        Simulator simulator = SimulatorRegistry.createFor(study.simulator(), study.simulatorSettings(), study.parameters());
        long sampleSeed = Seeds.derive(seed, "sample");
        double[][] design = LatinHypercube.sample(study.parameters(), study.samples(), sampleSeed);
        long[] index = new long[design.length];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        String studyJson = StudyLoader.toJson(study);
        Map<Path, AtomicFiles.Writer> outputs = new LinkedHashMap<>();
        outputs.put(studyOut, temporary -> Files.writeString(temporary, studyJson));
        if (countOut != null) {
            outputs.put(countOut, temporary -> Files.writeString(temporary, study.samples() + "\n"));
        }
        outputs.put(out, DatasetFile.writer(SpectrumDataset.ofSamples(study.name(), index, study.parameters(), design), out, VersionInfo.full()));
        AtomicFiles.writeAll(outputs, List.of(io.emuflow.provenance.StepProvenance.sidecarOf(out)));
        Map<String, Object> ranges = new LinkedHashMap<>();
        for (Parameter p : study.parameters()) {
            ranges.put(p.name(), Map.of("lower", p.lower(), "upper", p.upper(), "units", p.units()));
        }
        StepSupport.simulatorWarnings(StepSupport.provenance(spec, study.name()), simulator)
                .seed(seed)
                .setting("method", "latin-hypercube")
                .setting("samples", study.samples())
                .setting("derived_seed", sampleSeed)
                .setting("ranges", ranges)
                .setting("test_size", testSize)
                .input("study_file", studyFile, "study")
                .output("study", studyOut, "study", null)
                .output("samples", out, "samples", StepSupport.shape(design.length, study.parameters().size()))
                .write(io.emuflow.provenance.StepProvenance.sidecarOf(out));
        return 0;
    }
}
