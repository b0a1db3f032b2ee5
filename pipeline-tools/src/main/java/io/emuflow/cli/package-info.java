/**
 * The `emuflow` command line (picocli): one thin command per pipeline step (sample, simulate, merge, clean, split,
 * train, evaluate, train-inverse, evaluate-inverse, select-best, record), the commands users run after a run
 * (audit, export, predict, report, pk); the bench-* commands live in {@code io.emuflow.bench}.
 *
 * <p>A command parses options, calls the package that does the work, and writes the provenance sidecar through
 * {@link io.emuflow.cli.StepSupport}; errors become one line on stderr and an exit code ({@link io.emuflow.cli.ExitCodes}).
 * May import every other package (bench only to list the bench-* commands); no other package imports this one. A new step is one class here plus one line in
 * {@link io.emuflow.cli.EmuflowCommand}; options several commands share belong in an option class (e.g.
 * {@code TrainingOptions}).
 */
package io.emuflow.cli;
