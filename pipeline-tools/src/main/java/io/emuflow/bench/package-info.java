/**
 * Benchmarks: the {@code bench-*} commands (simulators, networks, the pipeline) and the timing code behind them,
 * which print their figures as JSON for docs/benchmarks.md and the scripts in the repository's bench/ folder. No
 * pipeline step uses this package.
 *
 * <p>May import any package but {@code cli}; only {@code cli.EmuflowCommand}, which lists the commands, imports it. Where a benchmark must time exactly what a step runs (one training epoch), the product package offers
 * a small public entry point for it (EmulatorTrainer.epochRunner, InverseTrainer.boxEpochRunner) rather than
 * exposing its internals.
 */
package io.emuflow.bench;
