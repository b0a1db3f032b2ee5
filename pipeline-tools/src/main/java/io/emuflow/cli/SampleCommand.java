package io.emuflow.cli;

import io.emuflow.data.AtomicFiles;
import io.emuflow.data.DatasetFile;
import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.sampling.LatinHypercube;
import io.emuflow.sampling.Seeds;
import io.emuflow.simulate.Simulator;
import io.emuflow.simulate.SimulatorRegistry;
import io.emuflow.simulate.TableSimulator;
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

/**
 * Resolves and validates the study, then draws a seeded Latin hypercube over its parameter box, or, for the
 * {@code table} simulator, takes the table's rows (all, or a seeded subset of {@code samples} rows; the samples'
 * ids are the table's row numbers).
 */
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

    @Option(names = "--table", description = "table of the `table` simulator (overrides its `path` setting; relative to the working folder)")
    Path table;

    @Option(names = "--count-out", description = "also write the number of samples to this file (the pipeline sizes its chunks from it)")
    Path countOut;

    @Override
    public Integer call() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (samples != null) {
            overrides.put("samples", samples);
        }
        Study study = StudyLoader.load(studyFile, testSize, overrides);
        long sampleSeed = Seeds.derive(seed, "sample");
        TableSimulator.Rows tableRows = null;
        TableSimulator tableSim = null;
        Simulator simulator;
        if (study.simulator().equals("table")) {
            // the table's absolute path goes into study.json (later steps run in other folders); rows replace the hypercube
            Object setting = study.simulatorSettings().get("path");
            Path tablePath = table != null ? table.toAbsolutePath().normalize()
                    : setting instanceof String text ? TableSimulator.resolvePath(text, studyFile) : null;
            if (tablePath != null) {
                overrides.put("simulator", Map.of("settings", Map.of("path", tablePath.toString())));
            }
            study = StudyLoader.load(studyFile, testSize, overrides);
            tableSim = (TableSimulator) SimulatorRegistry.createFor(study.simulator(), study.simulatorSettings(), study.parameters());
            simulator = tableSim;
            tableRows = tableSim.selectRows(study.parameters(), study.samples(), sampleSeed);
            overrides.put("samples", tableRows.rows().length);
            study = StudyLoader.load(studyFile, testSize, overrides);
        } else {
            simulator = SimulatorRegistry.createFor(study.simulator(), study.simulatorSettings(), study.parameters());
        }
        double[][] design;
        long[] index;
        if (tableRows != null) {
            design = tableRows.params();
            index = tableRows.rows();
        } else {
            design = LatinHypercube.sample(study.parameters(), study.samples(), sampleSeed);
            index = new long[design.length];
            for (int i = 0; i < index.length; i++) {
                index[i] = i;
            }
        }
        String studyJson = StudyLoader.toJson(study);
        Map<Path, AtomicFiles.Writer> outputs = new LinkedHashMap<>();
        outputs.put(studyOut, temporary -> Files.writeString(temporary, studyJson));
        if (countOut != null) {
            String count = study.samples() + "\n";
            outputs.put(countOut, temporary -> Files.writeString(temporary, count));
        }
        outputs.put(out, DatasetFile.writer(SpectrumDataset.ofSamples(study.name(), index, study.parameters(), design), out, VersionInfo.full()));
        AtomicFiles.writeAll(outputs, List.of(io.emuflow.provenance.StepProvenance.sidecarOf(out)));
        Map<String, Object> ranges = new LinkedHashMap<>();
        for (Parameter p : study.parameters()) {
            ranges.put(p.name(), Map.of("lower", p.lower(), "upper", p.upper(), "units", p.units()));
        }
        io.emuflow.provenance.StepProvenance prov = StepSupport.simulatorWarnings(StepSupport.provenance(spec, study.name()), simulator).seed(seed);
        if (tableSim != null) {
            prov.setting("method", "table-rows")
                    .setting("table", tableSim.path().toString())
                    .setting("table_sha256", tableSim.sha256())
                    .setting("table_rows", TableSimulator.describeRows(tableRows.rows()))
                    .setting("table_rows_outside_box", tableRows.outsideBox())
                    .input("table", tableSim.path(), "table");
        } else {
            prov.setting("method", "latin-hypercube");
        }
        prov.setting("samples", study.samples())
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
