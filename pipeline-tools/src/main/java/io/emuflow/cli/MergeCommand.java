package io.emuflow.cli;

import io.emuflow.data.AtomicFiles;
import io.emuflow.data.DatasetFile;
import io.emuflow.data.Merger;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.provenance.StepProvenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Gathers the simulated chunks into one dataset, ordered by sample id. */
@Command(name = "merge", mixinStandardHelpOptions = true, description = "Merge simulated chunks into one dataset.")
final class MergeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, description = "merged dataset (HDF5)")
    Path out;

    @Parameters(arity = "1..*", description = "chunk files (HDF5)")
    List<Path> chunks;

    @Override
    public Integer call() {
        List<SpectrumDataset> data = new ArrayList<>();
        for (Path chunk : chunks) {
            data.add(DatasetFile.read(chunk));
        }
        SpectrumDataset merged = Merger.merge(data);
        AtomicFiles.writeAll(Map.of(out, DatasetFile.writer(merged, out, VersionInfo.full())), List.of(StepProvenance.sidecarOf(out)));
        StepProvenance prov = StepSupport.provenance(spec, merged.study()).setting("chunks", chunks.size());
        for (Path chunk : chunks.stream().sorted().toList()) {
            prov.input("chunk", chunk, "dataset");
        }
        prov.output("dataset", out, "dataset", StepSupport.shape(merged.size(), merged.grid().length))
                .write(StepProvenance.sidecarOf(out));
        return 0;
    }
}
