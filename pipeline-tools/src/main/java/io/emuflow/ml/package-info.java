/**
 * Neural networks on DL4J/ND4J: the emulators (parameters to spectrum: {@link io.emuflow.ml.Emulator},
 * {@link io.emuflow.ml.EmulatorTrainer}, the pure-Java {@link io.emuflow.ml.FastEmulator}, PCA, settings), with the
 * inverse models in {@code ml.inverse}, the CosmoPower layers in {@code ml.layers} and hyperparameter search in
 * {@code ml.search}.
 *
 * <p>May import {@code data} and {@code sampling}; knows nothing of physics or the CLI. A new network kind is one
 * factory class plus one registered name in the settings.
 */
package io.emuflow.ml;
