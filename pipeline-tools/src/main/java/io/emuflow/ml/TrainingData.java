package io.emuflow.ml;

/** Inputs (raw parameters) and targets (log10 spectra), row-aligned. */
public record TrainingData(double[][] inputs, double[][] targets) {}
