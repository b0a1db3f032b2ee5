package io.emuflow.ml.emulator;

import io.emuflow.data.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an emulator maps: the study, its input parameter names in order, the target(s) and their common grid.
 * With several targets (a multi-output emulator) the network's outputs are the targets one after another, each
 * on the whole grid: target t, grid point j is output t * grid.length + j.
 */
public record EmulatorMetadata(String study, List<String> paramNames, List<String> targetNames, double[] grid, String gridName,
        List<Parameter> box) {
    public EmulatorMetadata {
        paramNames = List.copyOf(paramNames);
        targetNames = List.copyOf(targetNames);
        box = List.copyOf(box);
        if (targetNames.isEmpty()) {
            throw new IllegalArgumentException("an emulator needs at least one target");
        }
    }

    /** Without a known training box (bundles written before it was recorded, synthetic models). */
    public EmulatorMetadata(String study, List<String> paramNames, List<String> targetNames, double[] grid, String gridName) {
        this(study, paramNames, targetNames, grid, gridName, List.of());
    }

    /** A single-target emulator. */
    public EmulatorMetadata(String study, List<String> paramNames, String targetName, double[] grid, String gridName) {
        this(study, paramNames, List.of(targetName), grid, gridName, List.of());
    }

    /** The same metadata with the box the model was trained on (the study's parameter ranges). */
    public EmulatorMetadata withBox(List<Parameter> trainingBox) {
        return new EmulatorMetadata(study, paramNames, targetNames, grid, gridName, trainingBox);
    }

    /**
     * Where a parameter set (in the order of {@link #paramNames}) leaves the training box: "z = 4.0 is outside [0.0, 3.0]"
     * for the first parameter that does, or empty when it is inside or the box is unknown. Outside its box an emulator
     * extrapolates, and its model card's accuracy says nothing there.
     */
    public Optional<String> outsideBox(double[] row) {
        for (Parameter p : box) {
            int c = paramNames.indexOf(p.name());
            if (c >= 0 && !(row[c] >= p.lower() && row[c] <= p.upper())) {
                return Optional.of(p.name() + " = " + row[c] + " is outside the " + study + " model's training box ["
                        + p.lower() + ", " + p.upper() + "]");
            }
        }
        return Optional.empty();
    }

    /** The target's name, or the names joined with '+' for a multi-output emulator (for labels and logs). */
    public String targetName() {
        return String.join("+", targetNames);
    }

    /** Network outputs after decoding: every target on the whole grid. */
    public int outputs() {
        return targetNames.size() * grid.length;
    }

    /** Columns of target t out of rows of all outputs. */
    public double[][] slice(double[][] rows, int t) {
        int n = grid.length;
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(rows[i], t * n, (t + 1) * n);
        }
        return out;
    }

    /** Rows of every target side by side, in the order of the targets (the inverse of {@link #slice}). */
    public static double[][] concatenate(List<double[][]> perTarget) {
        int rows = perTarget.get(0).length;
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            List<double[]> parts = new ArrayList<>();
            int width = 0;
            for (double[][] target : perTarget) {
                if (target.length != rows) {
                    throw new IllegalArgumentException("targets have " + rows + " and " + target.length + " rows");
                }
                parts.add(target[i]);
                width += target[i].length;
            }
            out[i] = new double[width];
            int at = 0;
            for (double[] part : parts) {
                System.arraycopy(part, 0, out[i], at, part.length);
                at += part.length;
            }
        }
        return out;
    }
}
