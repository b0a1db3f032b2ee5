package io.emuflow.cli;

import io.emuflow.data.AtomicFiles;
import io.emuflow.data.DatasetFile;
import io.emuflow.data.Json;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.evaluate.Comparison;
import io.emuflow.evaluate.Plots;
import io.emuflow.ml.emulator.Emulator;
import io.emuflow.provenance.StepProvenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Several trained emulators of one study side by side: accuracy per target and prediction speed. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare trained emulators on one dataset: percentiles of max |relative error| per target, the p99 error "
                + "against k, and the time of a single call and of a batch of 10,000 (compare.md, compare.json, compare_error.png).")
final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--models", required = true, split = ",", description = "model bundle directories, comma-separated (at least one)")
    List<Path> models;

    @Option(names = "--data", required = true, description = "dataset to compare on (e.g. the test split)")
    Path data;

    @Option(names = "--single-calls", defaultValue = "200", description = "timed single-sample calls per model (default: ${DEFAULT-VALUE})")
    int singleCalls;

    @Option(names = "--out-dir", required = true, description = "folder for compare.md, compare.json and compare_error.png")
    Path outDir;

    @Override
    public Integer call() throws Exception {
        if (singleCalls < 1) {
            throw new IllegalArgumentException("--single-calls must be >= 1");
        }
        if (!Files.isRegularFile(data)) {
            throw new IllegalArgumentException("dataset " + data + " does not exist");
        }
        SpectrumDataset dataset = DatasetFile.read(data);
        List<Comparison.Entry> entries = new ArrayList<>();
        StepProvenance prov = StepSupport.provenance(spec, dataset.study()).input("data", data, "dataset");
        double[] k = null;
        String gridLabel = "";
        Map<String, double[]> bands = new LinkedHashMap<>();
        for (Path dir : models) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("model bundle " + dir + " does not exist");
            }
            Emulator emulator = Emulator.load(dir);
            if (!emulator.metadata().study().equals(dataset.study()) || !Arrays.equals(emulator.metadata().grid(), dataset.grid())
                    || !emulator.metadata().paramNames().equals(dataset.parameterNames())) {
                throw new IllegalArgumentException("model " + dir + " (study " + emulator.metadata().study() + ") does not match dataset " + data
                        + " (study " + dataset.study() + ")");
            }
            prov.input("model", dir, "model");
            String name = dir.getFileName().toString();
            Comparison.Entry entry = Comparison.measure(name, emulator, dataset, singleCalls);
            entries.add(entry);
            k = emulator.metadata().grid();
            gridLabel = emulator.metadata().gridName() + (dataset.gridUnits() == null || dataset.gridUnits().isEmpty() ? "" : " [" + dataset.gridUnits() + "]");
            entry.p99Bands().forEach((target, band) -> bands.put(name + " " + target + " p99", band));
        }
        Files.createDirectories(outDir);
        Path md = outDir.resolve("compare.md");
        Path json = outDir.resolve("compare.json");
        Path png = outDir.resolve("compare_error.png");
        AtomicFiles.writeString(md, Comparison.markdown(dataset.study(), data.getFileName().toString(), entries));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", "emuflow-compare/1");
        doc.put("study", dataset.study());
        doc.put("samples", dataset.size());
        doc.put("batch", Comparison.BATCH);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Comparison.Entry e : entries) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", e.name());
            row.put("max_rel_error_percentiles", e.percentiles());
            row.put("single_call_us", e.singleMicros());
            row.put("batch_ms", e.batchMillis());
            rows.add(row);
        }
        doc.put("models", rows);
        AtomicFiles.writeString(json, Json.pretty(doc));
        Plots.errorBands(png, "p99 of |relative error| against the grid", gridLabel, k, bands);
        prov.output("table", md, "report", null).output("plot", png, "plot", null).output("metrics", json, "metrics", null)
                .write(StepProvenance.sidecarOf(json));
        return 0;
    }
}
