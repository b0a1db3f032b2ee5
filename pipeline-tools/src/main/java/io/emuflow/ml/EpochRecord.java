package io.emuflow.ml;

/** One epoch of training: losses are mean squared errors in standardised target units. */
public record EpochRecord(int epoch, double trainLoss, double validationLoss, double learningRate) {}
