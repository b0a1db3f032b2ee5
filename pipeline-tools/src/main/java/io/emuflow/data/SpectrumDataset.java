package io.emuflow.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-memory form of an EmuFlow dataset file (DESIGN.md section 5): sample ids, parameters, an optional
 * grid with targets on it, scalers where a step fitted them, and optional boxes (read a row at a time, see
 * {@link BoxColumn}). Rows of every array share one order.
 */
public record SpectrumDataset(
        String study,
        String step,
        long[] index,
        List<Parameter> parameters,
        double[][] params,
        double[] grid,
        String gridUnits,
        Map<String, Target> targets,
        Map<String, Standardizer> scalers,
        Map<String, BoxColumn> boxes) {

    public SpectrumDataset {
        parameters = List.copyOf(parameters);
        targets = new LinkedHashMap<>(targets);
        scalers = new LinkedHashMap<>(scalers);
        boxes = new LinkedHashMap<>(boxes);
        for (Map.Entry<String, BoxColumn> box : boxes.entrySet()) {
            if (!box.getKey().equals(box.getValue().spec().name())) {
                throw new IllegalArgumentException("box column " + box.getValue().spec().name() + " is filed as '" + box.getKey() + "'");
            }
            if (box.getValue().rows() != index.length) {
                throw new IllegalArgumentException("box " + box.getKey() + " has " + box.getValue().rows() + " rows, expected " + index.length);
            }
        }
        if (params.length != index.length) {
            throw new IllegalArgumentException("dataset has " + index.length + " ids but " + params.length + " parameter rows");
        }
        for (double[] row : params) {
            if (row.length != parameters.size()) {
                throw new IllegalArgumentException("parameter rows have " + row.length + " columns, expected " + parameters.size());
            }
        }
        for (Target target : targets.values()) {
            if (target.values().length != index.length) {
                throw new IllegalArgumentException("target " + target.name() + " has " + target.values().length
                        + " rows, expected " + index.length);
            }
            for (double[] row : target.values()) {
                if (grid == null || row.length != grid.length) {
                    throw new IllegalArgumentException("target " + target.name() + " rows do not match the grid length");
                }
            }
        }
    }

    /** A dataset without boxes. */
    public SpectrumDataset(String study, String step, long[] index, List<Parameter> parameters, double[][] params,
            double[] grid, String gridUnits, Map<String, Target> targets, Map<String, Standardizer> scalers) {
        this(study, step, index, parameters, params, grid, gridUnits, targets, scalers, Map.of());
    }

    /** A dataset of sampled parameters only (the output of `sample`). */
    public static SpectrumDataset ofSamples(String study, long[] index, List<Parameter> parameters, double[][] params) {
        return new SpectrumDataset(study, "sample", index, parameters, params, null, null, Map.of(), Map.of());
    }

    public int size() {
        return index.length;
    }

    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (Parameter p : parameters) {
            names.add(p.name());
        }
        return names;
    }

    public Target target(String name) {
        Target target = targets.get(name);
        if (target == null) {
            throw new IllegalArgumentException("dataset has no target '" + name + "' (it has " + targets.keySet() + ")");
        }
        return target;
    }

    public SpectrumDataset withStep(String newStep) {
        return new SpectrumDataset(study, newStep, index, parameters, params, grid, gridUnits, targets, scalers, boxes);
    }

    public SpectrumDataset withScalers(Map<String, Standardizer> newScalers) {
        return new SpectrumDataset(study, step, index, parameters, params, grid, gridUnits, targets, newScalers, boxes);
    }

    public SpectrumDataset withBoxes(Map<String, BoxColumn> newBoxes) {
        return new SpectrumDataset(study, step, index, parameters, params, grid, gridUnits, targets, scalers, newBoxes);
    }

    /** The rows at the given positions, in that order (boxes included). */
    public SpectrumDataset selectRows(int[] rows) {
        long[] newIndex = new long[rows.length];
        double[][] newParams = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            newIndex[i] = index[rows[i]];
            newParams[i] = params[rows[i]];
        }
        Map<String, Target> newTargets = new LinkedHashMap<>();
        for (Target t : targets.values()) {
            double[][] values = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                values[i] = t.values()[rows[i]];
            }
            newTargets.put(t.name(), new Target(t.name(), t.units(), t.log10(), values));
        }
        Map<String, BoxColumn> newBoxes = new LinkedHashMap<>();
        for (Map.Entry<String, BoxColumn> box : boxes.entrySet()) {
            newBoxes.put(box.getKey(), box.getValue().select(rows));
        }
        return new SpectrumDataset(study, step, newIndex, parameters, newParams, grid, gridUnits, newTargets, scalers, newBoxes);
    }

    /** The grid columns at the given positions, in every target (boxes are not on the grid and stay). */
    public SpectrumDataset selectColumns(int[] columns) {
        double[] newGrid = new double[columns.length];
        for (int j = 0; j < columns.length; j++) {
            newGrid[j] = grid[columns[j]];
        }
        Map<String, Target> newTargets = new LinkedHashMap<>();
        for (Target t : targets.values()) {
            double[][] values = new double[t.values().length][columns.length];
            for (int i = 0; i < values.length; i++) {
                for (int j = 0; j < columns.length; j++) {
                    values[i][j] = t.values()[i][columns[j]];
                }
            }
            newTargets.put(t.name(), new Target(t.name(), t.units(), t.log10(), values));
        }
        return new SpectrumDataset(study, step, index, parameters, params, newGrid, gridUnits, newTargets, scalers, boxes);
    }
}
