/**
 * Cosmological fields on a periodic grid: Gaussian random fields, 3D FFTs (JTransforms), k-space helpers and
 * filters, Zel'dovich displacement and spherically averaged power spectra of boxes.
 *
 * <p>Pure numerics: no HDF5, DL4J or CLI. Used by the 21-cm simulator ({@code reionization}) and the halo boxes.
 */
package io.emuflow.fields;
