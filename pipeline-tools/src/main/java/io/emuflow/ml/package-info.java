/**
 * Neural networks on DL4J/ND4J. This package holds only what every kind of network shares (the per-epoch history
 * {@link io.emuflow.ml.EpochRecord} and its JSON form, the raw weights file, the OpenBLAS check); the networks live
 * in sub-packages: {@code ml.emulator} (parameters to spectrum), {@code ml.inverse} (spectra or boxes to
 * parameters, the 3D CNN, posterior heads), {@code ml.layers} (the CosmoPower layers) and {@code ml.search}
 * (hyperparameter search).
 *
 * <p>May import {@code data} and {@code sampling}; knows nothing of physics or the CLI. A new kind of network is a
 * new sub-package; a new architecture of an existing kind is one factory class plus one registered name in its
 * settings. Timing code lives in {@code io.emuflow.bench}, not here.
 */
package io.emuflow.ml;
