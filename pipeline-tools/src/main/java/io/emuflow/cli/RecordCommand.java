package io.emuflow.cli;

import io.emuflow.provenance.ProvenanceStore;
import io.emuflow.provenance.Recorder;
import io.emuflow.provenance.RunInfo;
import io.emuflow.provenance.StoreCopy;
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
        description = "Ingest provenance sidecars (*.prov.json) into the provenance store (H2 or PostgreSQL).")
final class RecordCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RecordCommand.class);
    /** Producers before consumers, so that metrics find the model they belong to. */
    private static final List<String> STEP_ORDER = List.of("sample", "simulate", "merge", "clean", "split",
            "train", "train-inverse", "select-best", "fine-tune", "select-fine-tune", "evaluate", "evaluate-inverse");

    @Option(names = "--db", required = true, description = "the provenance store: " + "an H2 path or jdbc:postgresql://host:port/database; credentials from EMUFLOW_DB_USER/EMUFLOW_DB_PASSWORD or ~/.pgpass" + " (e.g. results/provenance/emuflow)")
    String db;

    @Option(names = "--run-name", description = "Nextflow run name (required with sidecars)")
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

    @Option(names = "--retry-seconds", defaultValue = "300",
            description = "how long to keep trying while a PostgreSQL store cannot be reached (server restarting, network), with "
                    + "growing pauses; each sidecar is one transaction, so none is ever half-recorded (default: ${DEFAULT-VALUE})")
    int retrySeconds;

    @Option(names = "--from", description = "copy every run of this store (e.g. a run's <outdir>/provenance/emuflow) into --db "
            + "instead of recording sidecars; idempotent, so existing results can join a group store")
    String from;

    @Parameters(arity = "0..*", description = "sidecar files")
    List<Path> sidecars = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        if (from != null) {
            if (!sidecars.isEmpty() || runName != null) {
                throw new IllegalArgumentException("--from copies whole runs: give it without sidecars and without --run-name");
            }
            return copyStore();
        }
        if (runName == null || sidecars.isEmpty()) {
            throw new IllegalArgumentException("give --run-name and at least one sidecar (or --from STORE to copy a store)");
        }
        List<Path> ordered = new ArrayList<>(sidecars);
        ordered.sort(Comparator.comparingInt(RecordCommand::stepRank).thenComparing(Path::toString));
        RunInfo run = new RunInfo(runName, sessionId, outdir, nextflowVersion, pipelineCommit);
        OutageWait outage = new OutageWait(retrySeconds);
        int next = 0;
        int fresh = 0;
        String storeName = db;
        List<String> failures = new ArrayList<>();
        while (next < ordered.size()) {
            try (ProvenanceStore store = openWaiting()) {
                storeName = store.name();
                Recorder recorder = new Recorder(store, run);
                for (; next < ordered.size(); next++) {
                    Path sidecar = ordered.get(next);
                    // one bad sidecar must not cost the others their record: each is its own transaction
                    try {
                        if (recorder.ingest(sidecar)) {
                            fresh++;
                        }
                        outage.reset();
                    } catch (RuntimeException e) {
                        if (ProvenanceStore.serverUnavailable(e)) {
                            throw e; // retried below, from this sidecar on
                        }
                        LOG.error("cannot record {}: {}", sidecar, e.getMessage());
                        failures.add(sidecar + ": " + e.getMessage());
                    }
                }
            } catch (RuntimeException e) {
                String recorded = next + " of " + ordered.size() + " sidecars recorded";
                outage.waitOrThrow(e, " with " + recorded + " (run record again: it is idempotent)", " (" + recorded + ")");
            }
        }
        LOG.info("recorded {} new and {} known step executions for run {} in {}", fresh, ordered.size() - fresh - failures.size(), runName,
                storeName);
        if (!failures.isEmpty()) {
            throw new IllegalArgumentException(failures.size() + " of " + ordered.size() + " sidecars were not recorded (the others were); first: "
                    + failures.get(0));
        }
        return 0;
    }

    /** `--from`: the whole copy again after an outage (it is idempotent), until --retry-seconds have passed. */
    private int copyStore() throws InterruptedException {
        OutageWait outage = new OutageWait(retrySeconds);
        while (true) {
            try (ProvenanceStore source = ProvenanceStore.open(from, false); ProvenanceStore target = openWaiting()) {
                StoreCopy.Outcome done = StoreCopy.copy(source, target);
                LOG.info("copied {} runs from {} into {}: {} new and {} known step executions", done.runs(), source.name(), target.name(),
                        done.fresh(), done.known());
                return 0;
            } catch (RuntimeException e) {
                outage.waitOrThrow(e, " (run record --from again: it is idempotent)", "");
            }
        }
    }

    /** Waits out a PostgreSQL server that cannot be reached: pauses of 1, 2, 4, 8, 10 s until the deadline. */
    private static final class OutageWait {
        private final int seconds;
        private final long deadline;
        private int pause;

        OutageWait(int seconds) {
            this.seconds = seconds;
            this.deadline = System.nanoTime() + seconds * 1_000_000_000L;
        }

        /** Back to the first pause after progress. */
        void reset() {
            pause = 0;
        }

        /**
         * Rethrows a failure that is not an outage, or an outage past the deadline (one line, ending in {@code gaveUp});
         * otherwise logs {@code progress} and sleeps before the caller tries again.
         */
        void waitOrThrow(RuntimeException e, String gaveUp, String progress) throws InterruptedException {
            if (!ProvenanceStore.serverUnavailable(e)) {
                throw e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(e.getMessage() + "; gave up after " + seconds + " s" + gaveUp);
            }
            pause = Math.min(pause == 0 ? 1 : pause * 2, 10);
            LOG.warn("{}; trying again in {} s{}", e.getMessage(), pause, progress);
            Thread.sleep(pause * 1000L);
        }
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
