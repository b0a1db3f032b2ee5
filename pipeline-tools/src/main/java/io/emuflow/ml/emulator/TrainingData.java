package io.emuflow.ml.emulator;

/** Inputs (raw parameters) and targets (log10 spectra), row-aligned. */
public record TrainingData(double[][] inputs, double[][] targets) {}
