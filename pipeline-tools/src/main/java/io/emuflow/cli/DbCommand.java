package io.emuflow.cli;

import io.emuflow.provenance.Credentials;
import io.emuflow.provenance.ProvenanceStore;
import io.emuflow.provenance.StoreTarget;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `emuflow db`: administration of a provenance store. Schema upgrades are explicit (as in MLflow's `mlflow db upgrade`). */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Administer a provenance store (H2 file or PostgreSQL).",
        subcommands = {DbCommand.Upgrade.class})
final class DbCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return ExitCodes.BAD_INPUT;
    }

    @Command(name = "upgrade", mixinStandardHelpOptions = true,
            description = "Bring a store's schema up to this emuflow's version (creates it in an empty database; refuses a newer one).")
    static final class Upgrade implements Callable<Integer> {
        @Option(names = "--db", required = true, description = "an H2 path or jdbc:postgresql://host:port/database; "
                + "credentials from EMUFLOW_DB_USER/EMUFLOW_DB_PASSWORD or ~/.pgpass")
        String db;

        @Override
        public Integer call() {
            StoreTarget target = StoreTarget.parse(db);
            Credentials credentials = target.engine() == StoreTarget.Engine.POSTGRESQL ? Credentials.fromEnvironment(target) : null;
            String[] versions = ProvenanceStore.upgrade(target, credentials);
            System.out.println(versions[0].equals(versions[1])
                    ? "provenance database " + target.describe() + " is at schema version " + versions[1] + " already"
                    : "provenance database " + target.describe() + ": schema version " + versions[0] + " -> " + versions[1]);
            return 0;
        }
    }
}
