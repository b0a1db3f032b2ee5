package io.emuflow.inference;

import io.emuflow.data.AtomicFiles;
import io.emuflow.data.DatasetFile;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Data vector and covariance files (docs/inference.md):
 * <ul>
 * <li>CSV: a header row naming the columns {@code k,value} or {@code k,z,value} (any order; '#' lines are comments),
 * then one row per data point, k in 1/Mpc.</li>
 * <li>HDF5 ({@code format = "emuflow-data-vector/1"}): datasets {@code /k}, {@code /value}, optionally {@code /z} and
 * {@code /covariance} [n, n]; attributes {@code fiducial_names} and {@code fiducial_values} (the truth of a mock).</li>
 * <li>Covariance: CSV with n rows of n numbers (no header; '#' lines are comments) or an HDF5 file with a dataset
 * {@code /covariance}.</li>
 * </ul>
 */
public final class DataVectorFiles {
    public static final String FORMAT = "emuflow-data-vector/1";

    private DataVectorFiles() {}

    private static boolean isHdf5(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".h5") || name.endsWith(".hdf5");
    }

    public static DataVector read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("data vector file " + path + " does not exist");
        }
        return isHdf5(path) ? readHdf5(path) : readCsv(path);
    }

    private static DataVector readCsv(Path path) {
        List<String[]> rows = csvRows(path);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(path + ": the data vector CSV is empty");
        }
        List<String> header = Arrays.stream(rows.get(0)).map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
        int k = header.indexOf("k");
        int value = header.indexOf("value");
        int z = header.indexOf("z");
        if (k < 0 || value < 0) {
            throw new IllegalArgumentException(path + ": the data vector CSV needs a header with columns k and value (and optionally z), got "
                    + header);
        }
        int n = rows.size() - 1;
        double[] ks = new double[n];
        double[] vs = new double[n];
        double[] zs = z < 0 ? null : new double[n];
        for (int i = 0; i < n; i++) {
            String[] row = rows.get(i + 1);
            if (row.length != header.size()) {
                throw new IllegalArgumentException(path + ": row " + (i + 2) + " has " + row.length + " columns, the header " + header.size());
            }
            ks[i] = number(row[k], path, i + 2);
            vs[i] = number(row[value], path, i + 2);
            if (zs != null) {
                zs[i] = number(row[z], path, i + 2);
            }
        }
        return new DataVector(ks, zs, vs, null, Map.of());
    }

    private static DataVector readHdf5(Path path) {
        DatasetFile.requireHdf5(path);
        try (HdfFile file = new HdfFile(path)) {
            Attribute format = file.getAttribute("format");
            if (format == null || !FORMAT.equals(format.getData())) {
                throw new IllegalArgumentException(path + " is not an EmuFlow data vector (attribute format must be '" + FORMAT + "')");
            }
            double[] k = vector(file, "k", path);
            double[] value = vector(file, "value", path);
            double[] z = file.getChildren().containsKey("z") ? vector(file, "z", path) : null;
            double[][] covariance = file.getChildren().containsKey("covariance") ? matrix(file, path) : null;
            Map<String, Double> fiducial = new LinkedHashMap<>();
            Attribute names = file.getAttribute("fiducial_names");
            Attribute values = file.getAttribute("fiducial_values");
            if (names != null && values != null) {
                String[] n = (String[]) names.getData();
                double[] v = (double[]) values.getData();
                for (int i = 0; i < Math.min(n.length, v.length); i++) {
                    fiducial.put(n[i], v[i]);
                }
            }
            return new DataVector(k, z, value, covariance, fiducial);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException(path + ": a data vector dataset has the wrong type or shape (expected float64)");
        }
    }

    private static double[] vector(HdfFile file, String name, Path path) {
        Node node = file.getChild(name);
        if (!(node instanceof Dataset ds) || ds.getDimensions().length != 1) {
            throw new IllegalArgumentException(path + ": no one-dimensional dataset /" + name);
        }
        Object data = ds.getData();
        if (data instanceof double[] d) {
            return d;
        }
        throw new IllegalArgumentException(path + ": dataset /" + name + " is not float64");
    }

    private static double[][] matrix(HdfFile file, Path path) {
        Node node = file.getChild("covariance");
        if (!(node instanceof Dataset ds) || ds.getDimensions().length != 2 || !(ds.getData() instanceof double[][] m)) {
            throw new IllegalArgumentException(path + ": /covariance must be a two-dimensional float64 dataset");
        }
        return m;
    }

    /** A covariance matrix from CSV (n rows of n numbers) or HDF5 (dataset /covariance). */
    public static double[][] readCovariance(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("covariance file " + path + " does not exist");
        }
        if (isHdf5(path)) {
            DatasetFile.requireHdf5(path);
            try (HdfFile file = new HdfFile(path)) {
                return matrix(file, path);
            }
        }
        List<String[]> rows = csvRows(path);
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            String[] row = rows.get(i);
            out[i] = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                out[i][j] = number(row[j], path, i + 1);
            }
            if (row.length != rows.size()) {
                throw new IllegalArgumentException(path + ": covariance row " + (i + 1) + " has " + row.length + " numbers; a "
                        + rows.size() + " x " + rows.size() + " matrix needs " + rows.size());
            }
        }
        return out;
    }

    private static List<String[]> csvRows(Path path) {
        try {
            List<String[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(path)) {
                String t = line.trim();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    rows.add(t.split("\\s*,\\s*"));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static double number(String text, Path path, int line) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path + ": line " + line + " has '" + text.trim() + "', not a number");
        }
    }

    /** Writes the HDF5 form (with the covariance and fiducial values when present) through a temporary name. */
    public static void writeHdf5(DataVector data, Path target, Map<String, Object> attributes) {
        AtomicFiles.write(target, temporary -> {
            try (WritableHdfFile file = HdfFile.write(temporary)) {
                file.putAttribute("format", FORMAT);
                for (Map.Entry<String, Object> a : attributes.entrySet()) {
                    file.putAttribute(a.getKey(), a.getValue());
                }
                file.putDataset("k", data.k()).putAttribute("units", "1/Mpc");
                if (data.z() != null) {
                    file.putDataset("z", data.z());
                }
                file.putDataset("value", data.value());
                if (data.covariance() != null) {
                    file.putDataset("covariance", data.covariance());
                }
                if (!data.fiducial().isEmpty()) {
                    file.putAttribute("fiducial_names", data.fiducial().keySet().toArray(new String[0]));
                    file.putAttribute("fiducial_values", data.fiducial().values().stream().mapToDouble(Double::doubleValue).toArray());
                }
            }
        });
    }

    /** Writes the CSV form (k,z,value or k,value) through a temporary name. */
    public static void writeCsv(DataVector data, Path target) {
        StringBuilder out = new StringBuilder(data.z() == null ? "k,value\n" : "k,z,value\n");
        for (int i = 0; i < data.size(); i++) {
            out.append(data.k()[i]).append(',');
            if (data.z() != null) {
                out.append(data.z()[i]).append(',');
            }
            out.append(data.value()[i]).append('\n');
        }
        AtomicFiles.writeString(target, out.toString());
    }

    /** Writes a covariance matrix as CSV (n rows of n numbers) through a temporary name. */
    public static void writeCovarianceCsv(double[][] covariance, Path target) {
        StringBuilder out = new StringBuilder();
        for (double[] row : covariance) {
            for (int j = 0; j < row.length; j++) {
                out.append(j == 0 ? "" : ",").append(row[j]);
            }
            out.append('\n');
        }
        AtomicFiles.writeString(target, out.toString());
    }
}
