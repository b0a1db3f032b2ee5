package io.emuflow.cosmology;

import java.util.Map;

/** PLACEHOLDER (replaced by the cosmology work): the API the simulate package compiles against. */
public record CosmologyParams(double h0, double omegaB, double omegaC, double ln10As, double nS, double w0, double wa, double omegaK) {
    public static CosmologyParams fromMap(Map<String, Double> values) {
        throw new UnsupportedOperationException("cosmology package not implemented yet");
    }
}
