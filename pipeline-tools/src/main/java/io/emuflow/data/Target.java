package io.emuflow.data;

/** A target array [N, K] on the dataset's grid, e.g. P_nl(k) per sample. */
public record Target(String name, String units, boolean log10, double[][] values) {}
