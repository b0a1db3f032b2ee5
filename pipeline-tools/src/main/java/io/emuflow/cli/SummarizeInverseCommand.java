package io.emuflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.emuflow.data.AtomicFiles;
import io.emuflow.ml.inverse.InverseSummary;
import io.emuflow.provenance.StepProvenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** One table of an inverse study's models (e.g. one row per channel combination of the box-cnn study). */
@Command(name = "summarize-inverse", mixinStandardHelpOptions = true,
        description = "Tabulate the evaluate-inverse metrics of several models: per parameter mean and std of true - predicted, RMSE, R^2.")
final class SummarizeInverseCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--metrics", required = true, split = ",", description = "metrics.json files of evaluate-inverse, one per model")
    List<Path> metricsFiles;

    @Option(names = "--split", defaultValue = "test", description = "the split to tabulate (default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--out-dir", required = true, description = "folder for summary.json and summary.md")
    Path outDir;

    @Override
    public Integer call() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> metrics = new ArrayList<>();
        String study = null;
        for (Path file : metricsFiles) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("metrics file " + file + " does not exist");
            }
            JsonNode m = json.readTree(file.toFile());
            if (study != null && !study.equals(m.path("study").asText())) {
                throw new IllegalArgumentException(file + " is of study '" + m.path("study").asText() + "', the others of '" + study + "'");
            }
            study = m.path("study").asText();
            metrics.add(m);
        }
        metrics.sort((a, b) -> a.path("model").asText().compareTo(b.path("model").asText())); // same table whatever the order given
        List<Map<String, Object>> rows = InverseSummary.rows(metrics, split);
        Files.createDirectories(outDir);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("study", study);
        doc.put("split", split);
        doc.put("rows", rows);
        Path jsonFile = outDir.resolve("summary.json");
        Path mdFile = outDir.resolve("summary.md");
        AtomicFiles.writeString(jsonFile, json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n");
        AtomicFiles.writeString(mdFile, "# " + study + ": models on the " + split + " split\n\n" + InverseSummary.markdown(rows));
        StepProvenance prov = StepSupport.provenance(spec, study).setting("split", split);
        for (int i = 0; i < metricsFiles.size(); i++) {
            prov.input("metrics_" + i, metricsFiles.get(i), "metrics");
        }
        prov.output("summary", jsonFile, "metrics", null).output("table", mdFile, "report", null).write(StepProvenance.sidecarOf(jsonFile));
        return 0;
    }
}
