package io.emuflow.ml;

import java.util.ArrayList;
import java.util.List;

/**
 * What an emulator maps: the study, its input parameter names in order, the target(s) and their common grid.
 * With several targets (a multi-output emulator) the network's outputs are the targets one after another, each
 * on the whole grid: target t, grid point j is output t * grid.length + j.
 */
public record EmulatorMetadata(String study, List<String> paramNames, List<String> targetNames, double[] grid, String gridName) {
    public EmulatorMetadata {
        paramNames = List.copyOf(paramNames);
        targetNames = List.copyOf(targetNames);
        if (targetNames.isEmpty()) {
            throw new IllegalArgumentException("an emulator needs at least one target");
        }
    }

    /** A single-target emulator. */
    public EmulatorMetadata(String study, List<String> paramNames, String targetName, double[] grid, String gridName) {
        this(study, paramNames, List.of(targetName), grid, gridName);
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
