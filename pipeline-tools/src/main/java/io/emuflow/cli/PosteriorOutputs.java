package io.emuflow.cli;

import io.emuflow.data.AtomicFiles;
import io.emuflow.inference.ChainFiles;
import io.emuflow.inference.CornerPlot;
import io.emuflow.inference.InferenceRun;
import io.emuflow.provenance.StepProvenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What an inference step writes (infer, infer-cmb), as a picocli mixin: {@code --out-dir} and the files in it,
 * chain.h5, posterior.json and corner.png (all or none, through temporary names; the folder is made if missing), then
 * the sidecar of chain.h5.
 */
final class PosteriorOutputs {
    @Option(names = "--out-dir", required = true, description = "where chain.h5, posterior.json and corner.png go")
    Path outDir;

    /**
     * Writes the three outputs and then the sidecar: {@code doc} is posterior.json's content
     * ({@link ChainFiles#json} plus the step's context), {@code truth} the values the corner plot marks, {@code prov}
     * the step's record with its inputs and settings; this adds the posterior's summary and the outputs.
     */
    void write(InferenceRun.Outcome run, Map<String, Object> doc, Map<String, Double> truth, String modelDescription,
            StepProvenance prov, String message) {
        Path chain = outDir.resolve("chain.h5");
        Path json = outDir.resolve("posterior.json");
        Path corner = outDir.resolve("corner.png");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("model", modelDescription);
        attributes.put("tool_version", VersionInfo.version());
        Map<Path, AtomicFiles.Writer> outputs = new LinkedHashMap<>();
        outputs.put(chain, ChainFiles.hdf5(run, attributes));
        outputs.put(json, temporary -> Files.writeString(temporary, ChainFiles.toJson(doc)));
        outputs.put(corner, CornerPlot.writer(run.names(), run.samples(), run.weights(), run.summary(), truth));
        Path sidecar = StepProvenance.sidecarOf(chain);
        AtomicFiles.writeAll(outputs, List.of(sidecar));
        prov.extra("posterior", Map.of("converged", run.converged(), "summary", run.summary().toMap(), "message", message))
                .output("chain", chain, "chain", null)
                .output("posterior", json, "posterior", null)
                .output("plot_corner", corner, "plot", null)
                .write(sidecar);
    }
}
