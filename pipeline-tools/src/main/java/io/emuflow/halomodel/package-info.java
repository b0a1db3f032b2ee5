/**
 * The halo model with a halo occupation distribution (docs/halomodel.md): mass functions ({@link
 * io.emuflow.halomodel.MassFunctionModel}: Tinker et al. 2008, Sheth &amp; Tormen 1999, Watson et al. 2013, Bhattacharya
 * et al. 2011), halo bias ({@link io.emuflow.halomodel.BiasModel}), concentration and the NFW profile's Fourier
 * transform, mass definitions and their conversion, the Linke et al. HOD ({@link io.emuflow.halomodel.Hod}) and the
 * 1- and 2-halo terms of P_mm, P_gm and P_gg ({@link io.emuflow.halomodel.HaloModel}). Every formula cites its paper
 * and equation.
 *
 * <p>Physics only: may import {@code cosmology} (linear spectrum, growth, sigma(R)) and Commons Math; knows nothing of
 * HDF5, DL4J or the CLI ({@code simulate.HaloModelSimulator} adapts it). A new mass function, bias or concentration is
 * one enum constant of its model with its citation, plus a name the CLI accepts.
 */
package io.emuflow.halomodel;
