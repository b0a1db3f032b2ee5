/**
 * Bayesian inference with the emulators (docs/inference.md): likelihoods ({@link io.emuflow.inference.Likelihood}:
 * Gaussian in a data vector, the CMB's cosmic-variance-limited one), priors and the parameter space, the spectra a
 * sampler asks for ({@link io.emuflow.inference.PredictiveModel}: an emulator in batches or a simulator itself), the
 * affine-invariant ensemble sampler and nested sampling, convergence diagnostics (split R-hat, ESS, tau), and the
 * posterior's summary, chain file and corner plot.
 *
 * <p>May import {@code data}, {@code simulate} and {@code ml.emulator} (the models a likelihood evaluates), jhdf for
 * the chain file and XChart for the corner plot; knows nothing of the CLI ({@code cli.InferCommand}, {@code
 * cli.InferCmbCommand} and {@code cli.PosteriorOutputs} drive it). A new sampler is one class with a settings record;
 * a new likelihood implements {@code Likelihood}.
 */
package io.emuflow.inference;
