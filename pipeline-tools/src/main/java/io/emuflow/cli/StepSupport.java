package io.emuflow.cli;

import io.emuflow.provenance.StepProvenance;
import io.emuflow.simulate.Simulator;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** What every pipeline step shares: its full command line and a provenance record to fill. */
final class StepSupport {
    private StepSupport() {}

    static List<String> commandLine(CommandLine.Model.CommandSpec spec) {
        List<String> line = new ArrayList<>();
        // the original arguments start with the subcommand itself (emuflow <step> ...)
        line.add("emuflow");
        line.addAll(spec.commandLine().getParseResult().originalArgs());
        return line;
    }

    static StepProvenance provenance(CommandLine.Model.CommandSpec spec, String study) {
        return StepProvenance.start(spec.name(), study, commandLine(spec), VersionInfo.version(), VersionInfo.gitCommit());
    }

    /**
     * Records the simulator's warnings (e.g. an R_BUBBLE_MAX range beyond a third of the box) as the setting
     * {@code simulator_warnings}, so that they reach the provenance store with the settings they stem from; nothing
     * when there are none.
     */
    static StepProvenance simulatorWarnings(StepProvenance provenance, Simulator simulator) {
        List<String> warnings = simulator.warnings();
        return warnings.isEmpty() ? provenance : provenance.setting("simulator_warnings", warnings);
    }

    static long[] shape(long... dims) {
        return dims;
    }
}
