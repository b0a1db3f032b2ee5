package io.emuflow.cli;

import io.emuflow.inference.Convergence;
import io.emuflow.inference.EnsembleSampler;
import picocli.CommandLine.Option;

/**
 * The ensemble sampler's options (infer, infer-cmb), as a picocli mixin: {@code @Mixin EnsembleOptions ensemble;}.
 * {@code --seed} also seeds infer's nested sampler.
 */
final class EnsembleOptions {
    /** The stretch move's scale a (Goodman & Weare 2010, eq. 9); emcee's default. */
    private static final double STRETCH_SCALE = 2.0;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (same seed, same chain)")
    long seed;

    @Option(names = "--walkers", defaultValue = "32", description = "ensemble: walkers (even)")
    int walkers;

    @Option(names = "--max-steps", defaultValue = "20000", description = "ensemble: cap on steps")
    int maxSteps;

    @Option(names = "--check-every", defaultValue = "250", description = "ensemble: steps between convergence checks")
    int checkEvery;

    @Option(names = "--max-rhat", defaultValue = "1.01", description = "ensemble: converged when split R-hat is below this ...")
    double maxRhat;

    @Option(names = "--min-ess", defaultValue = "1000", description = "ensemble: ... and every ESS at least this")
    double minEss;

    @Option(names = "--min-steps-over-tau", defaultValue = "50", description = "ensemble: ... and kept steps >= this x tau (emcee's rule)")
    double minStepsOverTau;

    EnsembleSampler.Settings settings() {
        return new EnsembleSampler.Settings(walkers, STRETCH_SCALE, maxSteps, checkEvery, new Convergence(maxRhat, minEss), minStepsOverTau, seed);
    }
}
