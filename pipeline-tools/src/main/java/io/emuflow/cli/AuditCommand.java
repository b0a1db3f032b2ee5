package io.emuflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.emuflow.provenance.Auditor;
import io.emuflow.provenance.LineageTree;
import io.emuflow.provenance.ProvenanceStore;
import io.emuflow.provenance.Verifier;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Lineage questions answered from the provenance store. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Answer lineage questions from the provenance store.",
        subcommands = {AuditCommand.Model.class, AuditCommand.Dataset.class, AuditCommand.Run.class, AuditCommand.Verify.class,
            AuditCommand.Diff.class, AuditCommand.Models.class})
final class AuditCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Options every audit question shares. */
    static class Common {
        static final String DEFAULT_DB = "results/provenance/emuflow";

        @Option(names = "--db", description = "the provenance store: an H2 path or jdbc:postgresql://host:port/database; credentials from EMUFLOW_DB_USER/EMUFLOW_DB_PASSWORD or ~/.pgpass (default: results/provenance/emuflow)")
        String db;

        @Option(names = "--json", description = "print JSON instead of a tree")
        boolean json;

        int answer(Function<Auditor, JsonNode> question) {
            return answerFrom(db == null ? DEFAULT_DB : db, store -> question.apply(new Auditor(store)));
        }

        int answerFrom(String database, Function<ProvenanceStore, JsonNode> question) {
            try (ProvenanceStore store = ProvenanceStore.open(database, false)) {
                JsonNode result = question.apply(store);
                System.out.print(json ? result.toPrettyString() + "\n" : LineageTree.render(result));
                return result.has("ok") && !result.get("ok").asBoolean() ? 1 : 0;
            }
        }
    }

    @Command(name = "model", mixinStandardHelpOptions = true, description = "Which data, settings, seeds and code trained this model?")
    static final class Model extends Common implements Callable<Integer> {
        @Parameters(description = "model sha256 (or prefix), model name, or bundle path")
        String id;

        @Override
        public Integer call() {
            return answer(a -> a.modelLineage(a.resolveModel(id)));
        }
    }

    @Command(name = "dataset", mixinStandardHelpOptions = true, description = "Which steps made this dataset, and which models used it?")
    static final class Dataset extends Common implements Callable<Integer> {
        @Parameters(description = "sha256 (or prefix) or file path")
        String id;

        @Override
        public Integer call() {
            return answer(a -> a.datasetUsage(a.resolveArtifact(id)));
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "What did a run produce?")
    static final class Run extends Common implements Callable<Integer> {
        @Parameters(description = "Nextflow run name")
        String name;

        @Override
        public Integer call() {
            return answer(a -> a.run(name));
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Re-hash every recorded artifact on disk and every record of the store (its hash chains); exit 1 if a file is missing or altered, or a record was altered, inserted or deleted.")
    static final class Verify extends Common implements Callable<Integer> {
        @Option(names = "--outdir", description = "the results folder to check, wherever it is now (copied or moved); "
                + "its store <outdir>/provenance/emuflow unless --db names another")
        Path outdir;

        @Option(names = "--recorded-outdir", description = "which recorded output folder --outdir is a copy of, when the store "
                + "records several (a merged store)")
        String recordedOutdir;

        @Override
        public Integer call() {
            String database = db != null ? db : outdir != null ? outdir.resolve("provenance/emuflow").toString() : DEFAULT_DB;
            return answerFrom(database, store -> new Verifier(store).verify(outdir == null ? null : outdir.toString(), recordedOutdir));
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true, description = "What differs in the lineage of two models: data, settings, code?")
    static final class Diff extends Common implements Callable<Integer> {
        @Parameters(index = "0", description = "first model (sha256, prefix, name or bundle path)")
        String a;

        @Parameters(index = "1", description = "second model")
        String b;

        @Override
        public Integer call() {
            return answer(auditor -> auditor.diff(auditor.resolveModel(a), auditor.resolveModel(b)));
        }
    }

    @Command(name = "models", mixinStandardHelpOptions = true, description = "The models of a study with their metrics, best first.")
    static final class Models extends Common implements Callable<Integer> {
        @Option(names = "--study", required = true, description = "study name")
        String study;

        @Option(names = "--order-by", description = "<split>_<metric>, e.g. test_p99 or validation_mse_log10 (ascending)")
        String orderBy;

        @Override
        public Integer call() {
            return answer(auditor -> auditor.models(study, orderBy));
        }
    }
}
