package io.emuflow.cli;

import io.emuflow.provenance.ProvenanceStore;
import io.emuflow.report.ReportWriter;
import io.emuflow.report.RunReport;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `emuflow report`: one self-contained HTML page of a run, drawn from the provenance store. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the HTML report of a run (study, dataset, models, searches, lineage) from the provenance store.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--db", description = "the provenance store: an H2 path or jdbc:postgresql://host:port/database; credentials from EMUFLOW_DB_USER/EMUFLOW_DB_PASSWORD or ~/.pgpass (default: <outdir>/provenance/emuflow)")
    String db;

    @Option(names = "--outdir", description = "the results folder, where it is now (default: the run's recorded --outdir)")
    Path outdir;

    @Option(names = "--run", required = true, description = "the Nextflow run name")
    String run;

    @Option(names = "--out", description = "the page to write (default: <outdir>/report.html)")
    Path out;

    @Override
    public Integer call() {
        if (db == null && outdir == null) {
            throw new IllegalArgumentException("give --db or --outdir (the store is <outdir>/provenance/emuflow)");
        }
        String database = db != null ? db : outdir.resolve("provenance/emuflow").toString();
        try (ProvenanceStore store = ProvenanceStore.open(database, false)) {
            Path folder = outdir != null ? outdir : RunReport.recordedOutdir(store, run);
            Path page = out != null ? out : folder == null ? Path.of("report.html") : folder.resolve("report.html");
            Map<String, Object> model = RunReport.model(store, run, folder);
            ReportWriter.write(model, page);
            System.out.println("report: " + page.toAbsolutePath());
        }
        return 0;
    }
}
