package io.emuflow.cosmology;

/** PLACEHOLDER (replaced by the cosmology work). */
public final class MatterPowerSpectrum {
    private MatterPowerSpectrum() {}

    public static MatterPowerSpectrum create(CosmologyParams params, LinearModel model) {
        throw new UnsupportedOperationException("cosmology package not implemented yet");
    }

    public double[] linear(double[] k, double z) {
        throw new UnsupportedOperationException("cosmology package not implemented yet");
    }

    public double[] nonlinear(double[] k, double z) {
        throw new UnsupportedOperationException("cosmology package not implemented yet");
    }
}
