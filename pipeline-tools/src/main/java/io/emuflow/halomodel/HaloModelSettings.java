package io.emuflow.halomodel;

/**
 * The choices of one halo model and its mass integration: masses from 10^log10MMin to 10^log10MMax M_sun/h in
 * {@code bins} log-spaced bins, midpoint rule in log10 M (the CCL benchmark's scheme).
 */
public record HaloModelSettings(MassFunctionModel massFunction, BiasModel bias, ConcentrationModel concentration,
        MassDefinition massDefinition, CollapseThreshold threshold, double log10MMin, double log10MMax, int bins) {
    public HaloModelSettings {
        if (!(log10MMin >= 3.5 && log10MMax <= 18 && log10MMax > log10MMin && bins >= 10)) {
            throw new IllegalArgumentException("mass grid [1e" + log10MMin + ", 1e" + log10MMax + "] M_sun/h with " + bins
                    + " bins is not usable (need 1e3.5 <= M_min < M_max <= 1e18, >= 10 bins)");
        }
    }

    /** Tinker08 mass function, Tinker10 bias, Duffy08 concentration, 200m, on the simulator's grid. */
    public static HaloModelSettings defaults() {
        return new HaloModelSettings(MassFunctionModel.TINKER08, BiasModel.TINKER10, ConcentrationModel.DUFFY08, MassDefinition.M200M,
                CollapseThreshold.NAKAMURA_SUTO, 6, 17, 150);
    }

    /** The model behind the CCL halo-model benchmark (reference/ccl/README.md), with its 2048 bins from 1e6 to 1e16. */
    public static HaloModelSettings cclBenchmark() {
        return new HaloModelSettings(MassFunctionModel.SHETH_TORMEN, BiasModel.SHETH_TORMEN, ConcentrationModel.DUFFY08, MassDefinition.VIR,
                CollapseThreshold.NAKAMURA_SUTO, 6, 16, 2048);
    }

    public HaloModelSettings withGrid(double newMin, double newMax, int newBins) {
        return new HaloModelSettings(massFunction, bias, concentration, massDefinition, threshold, newMin, newMax, newBins);
    }
}
