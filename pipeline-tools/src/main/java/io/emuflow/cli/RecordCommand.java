package io.emuflow.cli;

import io.emuflow.provenance.ProvenanceStore;
import io.emuflow.provenance.Recorder;
import io.emuflow.provenance.RunInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The single writer of the provenance store: ingests sidecars, one transaction each, idempotently. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Ingest provenance sidecars (*.prov.json) into the H2 provenance store.")
final class RecordCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RecordCommand.class);
    /** Producers before consumers, so that metrics find the model they belong to. */
    private static final List<String> STEP_ORDER = List.of("sample", "simulate", "merge", "clean", "split",
            "train", "train-inverse", "select-best", "fine-tune", "select-fine-tune", "evaluate", "evaluate-inverse");

    @Option(names = "--db", required = true, description = "the provenance store: " + "an H2 path or jdbc:postgresql://host:port/database; credentials from EMUFLOW_DB_USER/EMUFLOW_DB_PASSWORD or ~/.pgpass" + " (e.g. results/provenance/emuflow)")
    String db;

    @Option(names = "--run-name", required = true, description = "Nextflow run name")
    String runName;

    @Option(names = "--session-id", description = "Nextflow session id")
    String sessionId;

    @Option(names = "--outdir", description = "the run's --outdir, to record where outputs were published")
    String outdir;

    @Option(names = "--nextflow-version", description = "Nextflow version")
    String nextflowVersion;

    @Option(names = "--pipeline-commit", description = "git commit of the pipeline")
    String pipelineCommit;

    @Option(names = "--wait-seconds", defaultValue = "120",
            description = "how long to wait for another writer holding the database (default: ${DEFAULT-VALUE})")
    int waitSeconds;

    @Parameters(arity = "1..*", description = "sidecar files")
    List<Path> sidecars;

    @Override
    public Integer call() throws InterruptedException {
        List<Path> ordered = new ArrayList<>(sidecars);
        ordered.sort(Comparator.comparingInt(RecordCommand::stepRank).thenComparing(Path::toString));
        RunInfo run = new RunInfo(runName, sessionId, outdir, nextflowVersion, pipelineCommit);
        try (ProvenanceStore store = openWaiting()) {
            Recorder recorder = new Recorder(store, run);
            int fresh = 0;
            List<String> failures = new ArrayList<>();
            for (Path sidecar : ordered) {
                // one bad sidecar must not cost the others their record: each is its own transaction
                try {
                    if (recorder.ingest(sidecar)) {
                        fresh++;
                    }
                } catch (RuntimeException e) {
                    LOG.error("cannot record {}: {}", sidecar, e.getMessage());
                    failures.add(sidecar + ": " + e.getMessage());
                }
            }
            LOG.info("recorded {} new and {} known step executions for run {} in {}", fresh,
                    ordered.size() - fresh - failures.size(), runName, store.name());
            if (!failures.isEmpty()) {
                throw new IllegalArgumentException(failures.size() + " of " + ordered.size() + " sidecars were not recorded (the others were); first: "
                        + failures.get(0));
            }
        }
        return 0;
    }

    /** A second writer waits for the first (H2 holds a file lock); after the deadline it fails with a clear message. */
    private ProvenanceStore openWaiting() throws InterruptedException {
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        while (true) {
            try {
                return ProvenanceStore.open(db, true);
            } catch (ProvenanceStore.DatabaseLockedException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(e.getMessage() + "; gave up after " + waitSeconds + " s (run record again later: it is idempotent)");
                }
                LOG.info("{}; waiting", e.getMessage());
                Thread.sleep(500);
            }
        }
    }

    private static int stepRank(Path sidecar) {
        try {
            String step = io.emuflow.provenance.StepProvenance.stepOf(sidecar);
            int rank = STEP_ORDER.indexOf(step);
            return rank < 0 ? STEP_ORDER.size() : rank;
        } catch (RuntimeException e) {
            return STEP_ORDER.size();
        }
    }
}
