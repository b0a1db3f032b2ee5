package io.emuflow.simulate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The external simulator's generic mode (any grid and targets, e.g. CLASS or CAMB CMB spectra on multipoles):
 * settings {@code parameters} (names the command receives, exactly the study's), {@code grid} (the grid's values,
 * ascending), {@code grid_name} (default k), {@code grid_units} (default ""), {@code targets} (output columns) and
 * {@code units} (target -> units, default ""). All of parameters, grid and targets, or none (P(k) mode).
 */
record ExternalGrid(List<String> parameters, double[] grid, String gridName, String gridUnits, List<Simulator.TargetSpec> targets) {

    /** The generic mode's settings, or null when none of them is given. */
    static ExternalGrid parse(Map<String, Object> s) {
        boolean any = s.containsKey("parameters") || s.containsKey("grid") || s.containsKey("targets");
        for (String key : List.of("grid_name", "grid_units", "units")) {
            if (!any && s.containsKey(key)) {
                throw new IllegalArgumentException("simulator external setting '" + key + "' applies only with parameters, grid and targets");
            }
        }
        if (!any) {
            return null;
        }
        if (!(s.containsKey("parameters") && s.containsKey("grid") && s.containsKey("targets"))) {
            throw new IllegalArgumentException("simulator external: a grid of your own needs all of the settings parameters, grid and targets");
        }
        if (s.containsKey("k_min") || s.containsKey("k_max") || s.containsKey("n_k")) {
            throw new IllegalArgumentException("simulator external: k_min, k_max and n_k belong to P(k) mode, not to a grid of your own");
        }
        List<String> parameters = names(s.get("parameters"), "parameters");
        List<String> targetNames = names(s.get("targets"), "targets");
        if (!(s.get("grid") instanceof List<?> values) || values.size() < 2 || !values.stream().allMatch(Number.class::isInstance)) {
            throw new IllegalArgumentException("simulator external setting 'grid' must list at least two numbers, got '" + s.get("grid") + "'");
        }
        double[] grid = values.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        for (int j = 1; j < grid.length; j++) {
            if (!(grid[j] > grid[j - 1])) {
                throw new IllegalArgumentException("simulator external setting 'grid' must be strictly ascending: " + grid[j - 1] + " then " + grid[j]);
            }
        }
        Object units = s.getOrDefault("units", Map.of());
        if (!(units instanceof Map<?, ?> unitMap) || !targetNames.containsAll(unitMap.keySet())) {
            throw new IllegalArgumentException("simulator external setting 'units' must map some of the targets " + targetNames + " to units, got '" + units + "'");
        }
        List<Simulator.TargetSpec> targets = new ArrayList<>();
        for (String t : targetNames) {
            targets.add(new Simulator.TargetSpec(t, String.valueOf(unitMap.containsKey(t) ? unitMap.get(t) : "")));
        }
        return new ExternalGrid(parameters, grid, text(s, "grid_name", "k"), text(s, "grid_units", ""), List.copyOf(targets));
    }

    Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("parameters", parameters);
        out.put("grid_name", gridName);
        out.put("grid_units", gridUnits);
        out.put("grid", grid);
        out.put("targets", targets.stream().map(Simulator.TargetSpec::name).toList());
        Map<String, String> units = new LinkedHashMap<>();
        targets.forEach(t -> units.put(t.name(), t.units()));
        out.put("units", units);
        return out;
    }

    private static String text(Map<String, Object> s, String key, String fallback) {
        Object v = s.getOrDefault(key, fallback);
        if (!(v instanceof String text) || (key.equals("grid_name") && !text.matches("[A-Za-z_][A-Za-z0-9_]*"))) {
            throw new IllegalArgumentException("simulator external setting '" + key + "' must be " + (key.equals("grid_name") ? "a word" : "a string") + ", got '" + v + "'");
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Object value, String key) {
        if (!(value instanceof List<?> list) || list.isEmpty() || !list.stream().allMatch(String.class::isInstance)
                || new java.util.HashSet<>(list).size() != list.size()) {
            throw new IllegalArgumentException("simulator external setting '" + key + "' must list distinct names, got '" + value + "'");
        }
        return List.copyOf((List<String>) list);
    }
}
