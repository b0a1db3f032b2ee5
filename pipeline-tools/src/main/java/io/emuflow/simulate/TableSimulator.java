package io.emuflow.simulate;

import io.emuflow.data.Parameter;
import io.emuflow.provenance.Hashing;
import io.emuflow.sampling.LatinHypercube;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A table of simulations made elsewhere (e.g. CLASS runs): `sample` takes its rows, `simulate` reads their spectra.
 * See docs/table-simulator.md for the settings and the two layouts.
 *
 * <p>HDF5 layout: {@code /params} (N x P, attribute {@code names}), the grid as a 1-D dataset named by the setting
 * {@code grid} (default {@code ell}), one N x G dataset per target (target {@code TT} is read from {@code /TT} or,
 * failing that, {@code /tt}). CSV layout (long): header {@code id,<parameters>,<grid>,<targets>}, one line per
 * sample and grid point, every sample on the same grid in the same order.
 *
 * <p>{@link #simulate} finds a sample's row by its exact parameter values (the samples file keeps the table's
 * float64 values bit for bit), so the Simulator interface stays as it is; a value found in no row is an error.
 * The table opens on first use, so creating the simulator (e.g. to ask its {@link #gridName()}) reads nothing.
 */
public final class TableSimulator implements Simulator {
    private static final Set<String> KEYS = Set.of("path", "grid", "grid_units", "targets", "units", "outside_box", "sha256");

    private final Path path;
    private final String gridName;
    private final String gridUnits;
    private final List<String> targetNames;
    private final Map<String, String> units;
    private final boolean dropOutside;
    private final String expectedSha256;
    private final Map<String, Object> resolved;
    private Table table;

    /** A loaded table: parameters by row, the grid, and each target's spectra by row (null until needed). */
    private record Table(List<String> names, double[][] params, double[] grid, double[][][] spectra, String sha256) {}

    /** Rows of the table chosen for a study: their row numbers (0-based, ascending) and parameters. */
    public record Rows(long[] rows, double[][] params, int outsideBox) {}

    TableSimulator(Map<String, Object> settingsMap) {
        Settings settings = new Settings("simulator table", settingsMap, KEYS);
        if (!(settingsMap.get("path") instanceof String p) || p.isBlank()) {
            throw new IllegalArgumentException("simulator table needs the setting 'path', the HDF5 (.h5) or CSV (.csv) table of parameters and spectra");
        }
        path = Path.of(settings.text("path", ""));
        gridName = settings.text("grid", "ell");
        gridUnits = settings.text("grid_units", "");
        targetNames = stringList(settingsMap.getOrDefault("targets", List.of("TT", "TE", "EE", "PP")), "targets");
        if (targetNames.isEmpty()) {
            throw new IllegalArgumentException("simulator table: the setting 'targets' lists no target");
        }
        resolved = settings.resolved();
        resolved.put("targets", targetNames);
        units = new LinkedHashMap<>();
        Object unitSetting = settingsMap.getOrDefault("units", Map.of());
        if (!(unitSetting instanceof Map<?, ?> unitMap)) {
            throw new IllegalArgumentException("simulator table setting 'units' must map target names to units, got '" + unitSetting + "'");
        }
        for (Map.Entry<?, ?> e : unitMap.entrySet()) {
            if (!targetNames.contains(String.valueOf(e.getKey()))) {
                throw new IllegalArgumentException("simulator table setting 'units' names '" + e.getKey() + "', which is not one of the targets " + targetNames);
            }
        }
        for (String t : targetNames) {
            units.put(t, String.valueOf(unitMap.containsKey(t) ? unitMap.get(t) : ""));
        }
        resolved.put("units", units);
        String outside = settings.text("outside_box", "error");
        if (!outside.equals("error") && !outside.equals("drop")) {
            throw new IllegalArgumentException("simulator table setting 'outside_box' must be 'error' or 'drop', got '" + outside + "'");
        }
        dropOutside = outside.equals("drop");
        expectedSha256 = settingsMap.containsKey("sha256") ? settings.text("sha256", "") : null;
    }

    /** A relative table path in a study file names a file relative to the study file's own (real) folder. */
    public static Path resolvePath(String setting, Path studyFile) {
        Path p = Path.of(setting);
        if (p.isAbsolute()) {
            return p.normalize();
        }
        try {
            return studyFile.toRealPath().getParent().resolve(p).normalize();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the study file " + studyFile + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** SHA-256 of the table file (hashed once, when it is first read). */
    public String sha256() {
        return load(false).sha256();
    }

    @Override
    public String name() {
        return "table";
    }

    @Override
    public String gridName() {
        return gridName;
    }

    @Override
    public List<String> requiredParameters() {
        return load(false).names();
    }

    @Override
    public List<String> optionalParameters() {
        return List.of();
    }

    @Override
    public void checkRanges(List<Parameter> parameters) {
        // a table holds what its producer computed: rows outside the study's box are handled by selectRows
    }

    @Override
    public double[] grid() {
        return load(false).grid().clone();
    }

    @Override
    public String gridUnits() {
        return gridUnits;
    }

    @Override
    public List<TargetSpec> targets() {
        return targetNames.stream().map(t -> new TargetSpec(t, units.get(t))).toList();
    }

    @Override
    public Map<String, Object> resolvedSettings() {
        Map<String, Object> out = new LinkedHashMap<>(resolved);
        out.put("sha256", sha256());
        return out;
    }

    /**
     * The table's rows for a study: every row inside the box (or an error naming the first outside one, unless the
     * setting {@code outside_box: drop}), then all of them if {@code count} reaches their number, else a seeded
     * uniform subset of {@code count} rows, in table order.
     */
    public Rows selectRows(List<Parameter> box, int count, long seed) {
        Table t = load(false);
        int[] order = columnOrder(t, box.stream().map(Parameter::name).toList());
        List<Integer> inside = new ArrayList<>();
        int outside = 0;
        for (int r = 0; r < t.params().length; r++) {
            String miss = outsideBox(t, r, box, order);
            if (miss == null) {
                inside.add(r);
            } else if (dropOutside) {
                outside++;
            } else {
                throw new IllegalArgumentException("row " + r + " of table " + path + " lies outside the study's box: " + miss
                        + " (narrow the table, widen the box, or set outside_box: drop)");
            }
        }
        if (inside.isEmpty()) {
            throw new IllegalArgumentException("no row of table " + path + " lies inside the study's box");
        }
        int[] chosen = inside.stream().mapToInt(Integer::intValue).toArray();
        if (count < chosen.length) {
            int[] perm = LatinHypercube.permutation(chosen.length, new SplittableRandom(seed));
            int[] subset = new int[count];
            for (int i = 0; i < count; i++) {
                subset[i] = chosen[perm[i]];
            }
            Arrays.sort(subset);
            chosen = subset;
        }
        long[] rows = new long[chosen.length];
        double[][] params = new double[chosen.length][];
        for (int i = 0; i < chosen.length; i++) {
            rows[i] = chosen[i];
            params[i] = new double[order.length];
            for (int j = 0; j < order.length; j++) {
                params[i][j] = t.params()[chosen[i]][order[j]];
            }
        }
        return new Rows(rows, params, outside);
    }

    /** Row numbers as ranges, e.g. "0-5999, 6004, 6010-6011": what provenance records and `audit` shows. */
    public static String describeRows(long[] rows) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.length; ) {
            int j = i;
            while (j + 1 < rows.length && rows[j + 1] == rows[j] + 1) {
                j++;
            }
            out.append(out.length() == 0 ? "" : ", ").append(rows[i]);
            if (j > i) {
                out.append('-').append(rows[j]);
            }
            i = j + 1;
        }
        return out.toString();
    }

    private Map<Key, Integer> rowsByValue;

    @Override
    public double[][] simulate(List<String> names, double[] values) {
        Table t = load(true);
        int[] order = columnOrder(t, names);
        double[] key = new double[t.names().size()];
        for (int j = 0; j < order.length; j++) {
            key[order[j]] = values[j];
        }
        Integer row = rowIndex(t).get(new Key(key));
        if (row == null) {
            throw new IllegalArgumentException("table " + path + " has no row with " + names + " = " + Arrays.toString(values));
        }
        double[][] out = new double[targetNames.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.spectra()[i][row].clone();
        }
        return out;
    }

    private record Key(double[] v) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(v, k.v);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(v);
        }
    }

    private synchronized Map<Key, Integer> rowIndex(Table t) {
        if (rowsByValue == null) {
            rowsByValue = new HashMap<>();
            for (int r = t.params().length - 1; r >= 0; r--) {
                rowsByValue.put(new Key(t.params()[r]), r); // the first of repeated rows wins
            }
        }
        return rowsByValue;
    }

    /** For each of {@code names}, its column in the table; the names must be exactly the table's. */
    private int[] columnOrder(Table t, List<String> names) {
        if (!new java.util.TreeSet<>(names).equals(new java.util.TreeSet<>(t.names())) || names.size() != t.names().size()) {
            throw new IllegalArgumentException("table " + path + " has the parameter columns " + t.names() + ", the study samples " + names);
        }
        return names.stream().mapToInt(n -> t.names().indexOf(n)).toArray();
    }

    private static String outsideBox(Table t, int row, List<Parameter> box, int[] order) {
        for (int j = 0; j < order.length; j++) {
            double v = t.params()[row][order[j]];
            Parameter p = box.get(j);
            if (v < p.lower() || v > p.upper()) {
                return p.name() + " = " + v + " is outside [" + p.lower() + ", " + p.upper() + "]";
            }
        }
        return null;
    }

    private synchronized Table load(boolean withSpectra) {
        if (table == null || (withSpectra && table.spectra() == null)) {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("table " + path + " does not exist");
            }
            String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                table = TableCsv.read(path, gridName, targetNames);
            } else if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
                table = readHdf5(withSpectra);
            } else {
                throw new IllegalArgumentException("table " + path + ": the name must end in .h5, .hdf5 or .csv");
            }
            String sha = Hashing.sha256(path);
            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha)) {
                throw new IllegalArgumentException("table " + path + " has SHA-256 " + sha + ", the study expects " + expectedSha256);
            }
            table = new Table(table.names(), table.params(), table.grid(), table.spectra(), sha);
            checkParams(table);
        }
        return table;
    }

    private void checkParams(Table t) {
        for (int r = 0; r < t.params().length; r++) {
            for (int j = 0; j < t.names().size(); j++) {
                if (!Double.isFinite(t.params()[r][j])) {
                    throw new IllegalArgumentException("row " + r + " of table " + path + " has a non-finite " + t.names().get(j)
                            + " (" + t.params()[r][j] + "): remove the row from the table");
                }
            }
        }
    }

    private Table readHdf5(boolean withSpectra) {
        try (HdfFile file = new HdfFile(path)) {
            Dataset params = dataset(file, "params");
            Attribute namesAttr = params.getAttribute("names");
            if (namesAttr == null || !(namesAttr.getData() instanceof String[] names)) {
                throw new IllegalArgumentException("table " + path + ": /params has no string attribute 'names'");
            }
            double[][] values = doubles2d(params.getData(), "params");
            if (values.length == 0 || values[0].length != names.length) {
                throw new IllegalArgumentException("table " + path + ": /params has " + (values.length == 0 ? 0 : values[0].length)
                        + " columns but " + names.length + " names");
            }
            double[] grid = doubles1d(dataset(file, gridName).getData(), gridName);
            double[][][] spectra = null;
            if (withSpectra) {
                spectra = new double[targetNames.size()][][];
                for (int i = 0; i < spectra.length; i++) {
                    String t = targetNames.get(i);
                    Node node = file.getChildren().containsKey(t) ? file.getChild(t) : file.getChildren().get(t.toLowerCase(Locale.ROOT));
                    if (!(node instanceof Dataset ds)) {
                        throw new IllegalArgumentException("table " + path + " has no dataset /" + t + " or /" + t.toLowerCase(Locale.ROOT)
                                + " for the target " + t + " (it holds " + file.getChildren().keySet() + ")");
                    }
                    spectra[i] = doubles2d(ds.getData(), ds.getName());
                    if (spectra[i].length != values.length || spectra[i][0].length != grid.length) {
                        throw new IllegalArgumentException("table " + path + ": /" + ds.getName() + " is " + spectra[i].length + " x "
                                + spectra[i][0].length + ", expected " + values.length + " rows x " + grid.length + " grid points");
                    }
                }
            }
            return new Table(List.of(names), values, grid, spectra, null);
        }
    }

    private Dataset dataset(HdfFile file, String name) {
        if (!(file.getChildren().get(name) instanceof Dataset ds)) {
            throw new IllegalArgumentException("table " + path + " has no dataset /" + name + " (it holds " + file.getChildren().keySet() + ")");
        }
        return ds;
    }

    private double[] doubles1d(Object data, String name) {
        if (data instanceof double[] d) {
            return d.clone();
        }
        if (data instanceof float[] f) {
            double[] out = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
            return out;
        }
        if (data instanceof long[] l) {
            return Arrays.stream(l).asDoubleStream().toArray();
        }
        if (data instanceof int[] n) {
            return Arrays.stream(n).asDoubleStream().toArray();
        }
        throw new IllegalArgumentException("table " + path + ": /" + name + " is not a 1-D numeric dataset");
    }

    private double[][] doubles2d(Object data, String name) {
        if (!(data instanceof Object[] rows) || !(rows.length == 0 || rows[0] instanceof double[] || rows[0] instanceof float[])) {
            throw new IllegalArgumentException("table " + path + ": /" + name + " is not a 2-D float dataset");
        }
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = doubles1d(rows[i], name);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> stringList(Object value, String key) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException("simulator table setting '" + key + "' must be a list of names, got '" + value + "'");
        }
        return List.copyOf((List<String>) list);
    }

    /** Builds a Table from a CSV file; kept with the simulator (the record is private to it). */
    static final class TableCsv {
        private TableCsv() {}

        static Table read(Path path, String gridName, List<String> targets) {
            List<String> lines;
            try {
                lines = Files.readAllLines(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read table " + path + ": " + e.getMessage(), e);
            }
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("table " + path + " is empty");
            }
            List<String> header = List.of(lines.get(0).trim().split(","));
            int idCol = header.indexOf("id");
            int gridCol = header.indexOf(gridName);
            if (idCol != 0 || gridCol < 0) {
                throw new IllegalArgumentException("table " + path + ": the header must be id,<parameters>," + gridName + ",<targets>, got " + header);
            }
            List<String> names = header.subList(1, gridCol);
            int[] targetCols = new int[targets.size()];
            for (int i = 0; i < targetCols.length; i++) {
                targetCols[i] = header.indexOf(targets.get(i));
                if (targetCols[i] < 0) {
                    throw new IllegalArgumentException("table " + path + " has no column " + targets.get(i) + " (header " + header + ")");
                }
            }
            List<double[]> params = new ArrayList<>();
            List<Double> grid = new ArrayList<>();
            List<List<double[]>> values = new ArrayList<>(); // per sample: one row of target values per grid point
            String currentId = null;
            for (int n = 1; n < lines.size(); n++) {
                if (lines.get(n).isBlank()) {
                    continue;
                }
                String[] cells = lines.get(n).split(",", -1);
                if (cells.length != header.size()) {
                    throw new IllegalArgumentException("table " + path + " line " + (n + 1) + " has " + cells.length + " fields, the header " + header.size());
                }
                double[] row = new double[cells.length];
                for (int c = 1; c < cells.length; c++) {
                    row[c] = number(cells[c], path, n + 1, header.get(c));
                }
                if (!cells[0].equals(currentId)) {
                    currentId = cells[0];
                    params.add(Arrays.copyOfRange(row, 1, gridCol));
                    values.add(new ArrayList<>());
                } else if (!Arrays.equals(Arrays.copyOfRange(row, 1, gridCol), params.get(params.size() - 1))) {
                    throw new IllegalArgumentException("table " + path + " line " + (n + 1) + ": sample " + currentId + " changes its parameters");
                }
                List<double[]> sample = values.get(values.size() - 1);
                if (params.size() == 1) {
                    grid.add(row[gridCol]);
                } else if (sample.size() >= grid.size() || grid.get(sample.size()) != row[gridCol]) {
                    throw new IllegalArgumentException("table " + path + " line " + (n + 1) + ": sample " + currentId
                            + " is not on the first sample's " + gridName + " grid");
                }
                double[] t = new double[targets.size()];
                for (int i = 0; i < t.length; i++) {
                    t[i] = row[targetCols[i]];
                }
                sample.add(t);
            }
            if (params.isEmpty()) {
                throw new IllegalArgumentException("table " + path + " has no rows");
            }
            double[][][] spectra = new double[targets.size()][params.size()][grid.size()];
            for (int r = 0; r < params.size(); r++) {
                if (values.get(r).size() != grid.size()) {
                    throw new IllegalArgumentException("table " + path + ": sample " + (r + 1) + " has " + values.get(r).size()
                            + " grid points, the first " + grid.size());
                }
                for (int g = 0; g < grid.size(); g++) {
                    for (int i = 0; i < targets.size(); i++) {
                        spectra[i][r][g] = values.get(r).get(g)[i];
                    }
                }
            }
            return new Table(List.copyOf(names), params.toArray(new double[0][]), grid.stream().mapToDouble(Double::doubleValue).toArray(), spectra, null);
        }

        private static double number(String cell, Path path, int line, String column) {
            try {
                return Double.parseDouble(cell.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("table " + path + " line " + line + ": " + column + " = '" + cell + "' is not a number");
            }
        }
    }
}
