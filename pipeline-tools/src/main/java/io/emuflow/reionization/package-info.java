/**
 * Semi-numerical reionization after 21cmFAST (Mesinger & Furlanetto 2007; Mesinger, Furlanetto & Cen 2011):
 * evolved density, excursion-set ionization, halo abundance and the 21-cm brightness temperature. The growth factor and
 * linear spectrum are 21cmFAST's forms taken from {@code cosmology} ({@code ReionCosmology#growth}, {@code
 * ReionCosmology#linearPower}); {@code ReionCosmology} keeps 21cmFAST's constants.
 *
 * <p>Pure physics: may import {@code fields} and {@code cosmology}; no HDF5, DL4J or CLI. Adapted to the pipeline by
 * {@code simulate.Reion21cmSimulator}.
 */
package io.emuflow.reionization;
