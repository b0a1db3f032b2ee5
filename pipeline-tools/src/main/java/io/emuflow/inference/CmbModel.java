package io.emuflow.inference;

import java.util.Arrays;
import java.util.List;

/**
 * The CMB data vector of {@link CmbLikelihood} predicted by three spectrum models (TT, TE, EE emulators) that share
 * parameters and multipole nodes: one batch call per model, the three spectra side by side.
 */
public final class CmbModel implements PredictiveModel {
    private final List<SpectrumModel> spectra;
    private final ParameterSpace space;
    private final int nodes;

    public CmbModel(List<SpectrumModel> spectra, ParameterSpace space) {
        if (spectra.size() != 3) {
            throw new IllegalArgumentException("a CMB model takes three spectra (TT, TE, EE), got " + spectra.size());
        }
        double[] grid = spectra.get(0).grid();
        for (SpectrumModel s : spectra) {
            if (!s.parameterNames().equals(space.names())) {
                throw new IllegalArgumentException(s.describe() + " takes " + s.parameterNames() + ", the others " + space.names());
            }
            if (!Arrays.equals(s.grid(), grid)) {
                throw new IllegalArgumentException(s.describe() + " has other multipole nodes than " + spectra.get(0).describe());
            }
        }
        this.spectra = List.copyOf(spectra);
        this.space = space;
        this.nodes = grid.length;
    }

    public double[] ell() {
        return spectra.get(0).grid();
    }

    @Override
    public ParameterSpace space() {
        return space;
    }

    @Override
    public int size() {
        return 3 * nodes;
    }

    @Override
    public double[][] predict(double[][] free) {
        double[][] rows = new double[free.length][];
        for (int i = 0; i < free.length; i++) {
            rows[i] = space.full(free[i]);
        }
        double[][] out = new double[free.length][3 * nodes];
        for (int s = 0; s < 3; s++) {
            double[][] predicted = spectra.get(s).spectra(rows);
            for (int i = 0; i < free.length; i++) {
                System.arraycopy(predicted[i], 0, out[i], s * nodes, nodes);
            }
        }
        return out;
    }

    public String describe() {
        return "CMB TT+TE+EE: " + String.join(", ", spectra.stream().map(SpectrumModel::describe).toList());
    }
}
