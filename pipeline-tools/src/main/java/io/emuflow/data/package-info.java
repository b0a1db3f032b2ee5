/**
 * The dataset contract of DESIGN.md section 5: {@link io.emuflow.data.SpectrumDataset} in memory and
 * {@link io.emuflow.data.DatasetFile} on disk (HDF5 via jhdf), boxes streamed row by row, merging of chunks,
 * cleaning of NaNs, splitting, scalers fitted on the training split, and atomic writes
 * ({@link io.emuflow.data.AtomicFiles}: temporary name, then rename).
 *
 * <p>May import {@code sampling} (seeds) and jhdf; knows nothing of physics, networks or the CLI. A new array kind
 * of the HDF5 layout is added here first, and to the layout table of the README.
 */
package io.emuflow.data;
