package io.emuflow.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emuflow.data.AtomicFiles;
import io.emuflow.provenance.Auditor;
import io.emuflow.provenance.ProvExport;
import io.emuflow.provenance.ProvenanceStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A standard provenance document (W3C PROV-JSON or a Process Run RO-Crate) of a run or of a model's lineage. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export the provenance of a run or a model as W3C PROV-JSON or an RO-Crate (ro-crate-metadata.json).")
final class ExportCommand implements Callable<Integer> {
    enum Format { PROV_JSON, RO_CRATE }

    @Option(names = "--db", defaultValue = "results/provenance/emuflow",
            description = "the provenance store: an H2 path or jdbc:postgresql://host:port/database; credentials from EMUFLOW_DB_USER/EMUFLOW_DB_PASSWORD or ~/.pgpass (default: ${DEFAULT-VALUE})")
    String db;

    @Option(names = "--format", required = true, converter = FormatConverter.class, description = "prov-json or ro-crate")
    Format format;

    @Option(names = "--out", description = "file to write (default: stdout)")
    Path out;

    @Parameters(index = "0", description = "run or model")
    String what;

    @Parameters(index = "1", description = "run name, or model sha256 / prefix / name / bundle path")
    String id;

    @Override
    public Integer call() throws Exception {
        try (ProvenanceStore store = ProvenanceStore.open(db, false)) {
            Auditor auditor = new Auditor(store);
            List<Long> executions;
            String title;
            switch (what) {
                case "run" -> {
                    executions = auditor.runExecutions(id);
                    title = "EmuFlow run " + id;
                }
                case "model" -> {
                    String sha = auditor.resolveModel(id);
                    executions = auditor.modelExecutions(sha);
                    title = "Lineage of EmuFlow model " + id + " (sha256 " + sha + ")";
                }
                default -> throw new IllegalArgumentException("export what? '" + what + "' (give run NAME or model ID)");
            }
            ObjectNode doc = format == Format.PROV_JSON ? ProvExport.provJson(auditor, executions, title) : ProvExport.roCrate(auditor, executions, title);
            String text = doc.toPrettyString() + "\n";
            if (out == null) {
                System.out.print(text);
            } else {
                AtomicFiles.writeString(out, text);
            }
        }
        return 0;
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            return switch (value) {
                case "prov-json" -> Format.PROV_JSON;
                case "ro-crate" -> Format.RO_CRATE;
                default -> throw new IllegalArgumentException("unknown format '" + value + "' (prov-json, ro-crate)");
            };
        }
    }
}
