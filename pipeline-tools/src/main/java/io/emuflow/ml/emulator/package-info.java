/**
 * Emulators: parameters to spectrum. {@link io.emuflow.ml.emulator.Emulator} (a bundle: network, scalers, PCA,
 * metadata with the training box), {@link io.emuflow.ml.emulator.EmulatorTrainer} (staged schedules, fine-tuning on
 * the worst samples), {@link io.emuflow.ml.emulator.FastEmulator} (the pure-Java single-call path),
 * {@link io.emuflow.ml.emulator.Pca}, {@link io.emuflow.ml.emulator.ModelSettings}, the HDF5/numpy export, and
 * {@link io.emuflow.ml.emulator.Pretrained} (models shipped in the jar).
 *
 * <p>May import {@code ml}, {@code ml.layers}, {@code data} and {@code sampling}; knows nothing of physics or the CLI.
 * A new emulator architecture is a branch of {@code NetworkFactory} plus its settings key.
 */
package io.emuflow.ml.emulator;
