package io.emuflow.reionization;

import io.emuflow.fields.Box;

/**
 * The evolved density contrast at one redshift, in real space and as its Fourier transform (the excursion set
 * filters the latter, so it is kept to be reused by every set of astrophysical parameters).
 */
public record PerturbedField(Box box, double redshift, double[] density, double[] spectrum) {}
