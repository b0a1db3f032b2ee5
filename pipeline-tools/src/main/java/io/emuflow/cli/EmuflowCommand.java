package io.emuflow.cli;

import io.emuflow.bench.BenchCnn3dCommand;
import io.emuflow.bench.BenchEmulatorsCommand;
import io.emuflow.bench.BenchHaloBoxesCommand;
import io.emuflow.bench.BenchHaloModelCommand;
import io.emuflow.bench.BenchMlCommand;
import io.emuflow.bench.BenchPipelineCommand;
import io.emuflow.bench.BenchPkCommand;
import io.emuflow.bench.BenchRecordCommand;
import io.emuflow.bench.BenchReionCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `emuflow` command: one subcommand per pipeline step, plus the commands users run after a run. */
@Command(
        name = "emuflow",
        mixinStandardHelpOptions = true,
        versionProvider = EmuflowCommand.Version.class,
        description = "EmuFlow pipeline tools: sample, simulate, clean, split, train and evaluate cosmological emulators.",
        subcommands = {
            CommandLine.HelpCommand.class,
            SampleCommand.class,
            SimulateCommand.class,
            MergeCommand.class,
            CleanCommand.class,
            SplitCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            TrainInverseCommand.class,
            EvaluateInverseCommand.class,
            SummarizeInverseCommand.class,
            BenchCnn3dCommand.class,
            RecordCommand.class,
            AuditCommand.class,
            ExportCommand.class,
            DbCommand.class,
            PredictCommand.class,
            PkCommand.class,
            BenchPkCommand.class,
            BenchMlCommand.class,
            BenchEmulatorsCommand.class,
            WarmUpCommand.class,
            BenchPipelineCommand.class,
            BenchReionCommand.class,
            BenchRecordCommand.class,
            BenchHaloBoxesCommand.class,
            ExportModelCommand.class,
            SelectBestCommand.class,
            FineTuneCommand.class,
            SelectFineTuneCommand.class,
            ReportCommand.class,
            HaloModelCommand.class,
            HmfCommand.class,
            BenchHaloModelCommand.class,
            CompareCommand.class,
            InferCommand.class,
            InferCmbCommand.class,
            MockDataCommand.class,
            AirflowDagCommand.class,
        })
public final class EmuflowCommand implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(EmuflowCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code; every failure ends as one line on stderr. */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new EmuflowCommand());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            LOG.debug("failure", exception);
            cmd.getErr().println(cmd.getCommandName() + ": error: " + ErrorMessages.oneLine(exception));
            return ExitCodes.of(exception);
        });
        return commandLine.execute(args);
    }

    /** picocli version provider: version plus git commit. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"emuflow " + VersionInfo.full()};
        }
    }
}
