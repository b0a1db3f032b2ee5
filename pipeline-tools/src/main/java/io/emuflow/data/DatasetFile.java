package io.emuflow.data;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes EmuFlow dataset files in the HDF5 layout of DESIGN.md section 5 (readable by h5py).
 * Writes go through {@link AtomicFiles}; reads turn every malformed input into one clear message.
 */
public final class DatasetFile {
    public static final String FORMAT = "emuflow-dataset/1";
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private DatasetFile() {}

    public static void write(SpectrumDataset data, Path target, String toolVersion) {
        AtomicFiles.write(target, writer(data, target, toolVersion));
    }

    /** Writes the dataset to whatever path it is given: for {@link AtomicFiles#writeAll}, with a step's other outputs. */
    public static AtomicFiles.Writer writer(SpectrumDataset data, Path target, String toolVersion) {
        if (data.size() == 0) {
            // HDF5 (through jhdf) cannot hold a zero-length dataset, and no step has a use for one
            throw new IllegalArgumentException("refusing to write " + target + ": the dataset has no samples");
        }
        return temporary -> {
            try (WritableHdfFile file = HdfFile.write(temporary)) {
                file.putAttribute("format", FORMAT);
                file.putAttribute("study", data.study());
                file.putAttribute("step", data.step());
                file.putAttribute("tool_version", toolVersion);
                // no creation time: the same data and seed must give a bit-identical file (the sidecar records when)
                file.putDataset("index", data.index());
                WritableDataset params = file.putDataset("params", matrix(data.params(), data.parameters().size()));
                params.putAttribute("names", data.parameterNames().toArray(new String[0]));
                params.putAttribute("units", data.parameters().stream().map(Parameter::units).toArray(String[]::new));
                params.putAttribute("lower", data.parameters().stream().mapToDouble(Parameter::lower).toArray());
                params.putAttribute("upper", data.parameters().stream().mapToDouble(Parameter::upper).toArray());
                if (data.grid() != null) {
                    WritableGroup grid = file.putGroup("grid");
                    grid.putDataset("k", data.grid()).putAttribute("units", data.gridUnits());
                }
                if (!data.targets().isEmpty()) {
                    WritableGroup targets = file.putGroup("targets");
                    for (Target t : data.targets().values()) {
                        WritableDataset ds = targets.putDataset(t.name(), matrix(t.values(), data.grid().length));
                        ds.putAttribute("units", t.units());
                        ds.putAttribute("log10", t.log10() ? 1 : 0);
                        ds.putAttribute("grid", "k");
                    }
                }
                if (!data.boxes().isEmpty()) {
                    WritableGroup boxes = file.putGroup("boxes");
                    for (BoxColumn column : data.boxes().values()) {
                        BoxSpec spec = column.spec();
                        WritableDataset ds = boxes.putDataset(spec.name(), zeroBoxes(data.size(), spec.dim()));
                        ds.putAttribute("field", spec.field());
                        ds.putAttribute("units", spec.units());
                        ds.putAttribute("box_length_mpc", spec.boxLengthMpc());
                        ds.putAttribute("redshift", spec.redshift());
                    }
                }
                if (!data.scalers().isEmpty()) {
                    Map<String, WritableGroup> groups = new LinkedHashMap<>();
                    groups.put("scalers", file.putGroup("scalers"));
                    for (Map.Entry<String, Standardizer> e : data.scalers().entrySet()) {
                        WritableGroup g = nestedGroup(groups, "scalers/" + e.getKey());
                        g.putAttribute("kind", "standard");
                        g.putDataset("mean", e.getValue().mean());
                        g.putDataset("std", e.getValue().std());
                    }
                }
            }
            if (!data.boxes().isEmpty()) {
                fillBoxes(temporary, data.boxes().values());
            }
        };
    }

    /**
     * A placeholder [N, D, D, D] of zeros whose N rows are one shared array: jhdf lays out the contiguous dataset
     * (it needs an array of the final shape, and writes it an innermost row at a time) without N boxes in memory.
     */
    private static float[][][][] zeroBoxes(int rows, int dim) {
        float[][][] zero = new float[dim][dim][dim];
        float[][][][] all = new float[rows][][][];
        java.util.Arrays.fill(all, zero);
        return all;
    }

    /** Copies every box row into the placeholder datasets of a closed file, one row in memory at a time. */
    private static void fillBoxes(Path file, java.util.Collection<BoxColumn> columns) throws IOException {
        Map<String, Long> offsets = new LinkedHashMap<>();
        try (HdfFile hdf = new HdfFile(file)) {
            long base = hdf.getHdfBackingStorage().getSuperblock().getBaseAddressByte();
            for (BoxColumn column : columns) {
                ContiguousDataset ds = (ContiguousDataset) hdf.getDatasetByPath("/boxes/" + column.spec().name());
                offsets.put(column.spec().name(), base + ds.getDataAddress());
            }
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (BoxColumn column : columns) {
                BoxSpec spec = column.spec();
                float[] row = new float[spec.cells()];
                ByteBuffer buffer = ByteBuffer.allocate((int) spec.rowBytes()).order(ByteOrder.LITTLE_ENDIAN);
                for (int r = 0; r < column.rows(); r++) {
                    column.read(r, row);
                    buffer.clear();
                    buffer.asFloatBuffer().put(row);
                    long position = offsets.get(spec.name()) + r * spec.rowBytes();
                    while (buffer.hasRemaining()) {
                        channel.write(buffer, position + buffer.position());
                    }
                }
            }
        }
    }

    /** A scaler named "targets/P_lin" lives in /scalers/targets/P_lin: one HDF5 group per path element. */
    private static WritableGroup nestedGroup(Map<String, WritableGroup> made, String path) {
        WritableGroup group = made.get(path);
        if (group == null) {
            int slash = path.lastIndexOf('/');
            group = nestedGroup(made, path.substring(0, slash)).putGroup(path.substring(slash + 1));
            made.put(path, group);
        }
        return group;
    }

    /** Reads a dataset file, checking that it is HDF5, that it is ours, and that its arrays agree in shape. */
    public static SpectrumDataset read(Path path) {
        requireHdf5(path);
        try (HdfFile file = new HdfFile(path)) {
            requireComplete(file, path);
            String format = stringAttribute(file, "format", path);
            if (!FORMAT.equals(format)) {
                throw new LayoutError(path + " is not an EmuFlow dataset (format '" + format + "', expected '" + FORMAT + "')");
            }
            String study = stringAttribute(file, "study", path);
            String step = stringAttribute(file, "step", path);
            long[] index = (long[]) dataset(file, "/index", long[].class, path).getData();
            Dataset paramsSet = dataset(file, "/params", double[][].class, path);
            double[][] params = readMatrix(paramsSet, index.length, -1, path);
            String[] names = (String[]) attribute(paramsSet, "names", path).getData();
            String[] units = (String[]) attribute(paramsSet, "units", path).getData();
            double[] lower = (double[]) attribute(paramsSet, "lower", path).getData();
            double[] upper = (double[]) attribute(paramsSet, "upper", path).getData();
            List<Parameter> parameters = new ArrayList<>();
            for (int j = 0; j < names.length; j++) {
                parameters.add(new Parameter(names[j], units[j], lower[j], upper[j]));
            }
            double[] grid = null;
            String gridUnits = null;
            Map<String, Target> targets = new LinkedHashMap<>();
            if (file.getChildren().containsKey("grid")) {
                Dataset k = dataset(file, "/grid/k", double[].class, path);
                grid = (double[]) k.getData();
                gridUnits = (String) attribute(k, "units", path).getData();
                Node targetGroup = file.getChild("targets");
                if (targetGroup instanceof Group group) {
                    for (Node node : group) {
                        Dataset ds = dataset(file, "/targets/" + node.getName(), double[][].class, path);
                        double[][] values = readMatrix(ds, index.length, grid.length, path);
                        boolean log10 = ((Number) attribute(ds, "log10", path).getData()).intValue() != 0;
                        targets.put(node.getName(), new Target(node.getName(), (String) attribute(ds, "units", path).getData(), log10, values));
                    }
                }
            }
            Map<String, Standardizer> scalers = new LinkedHashMap<>();
            if (file.getChild("scalers") instanceof Group scalerGroup) {
                readScalers(file, scalerGroup, "/scalers", scalers, path);
            }
            Map<String, BoxColumn> boxes = new LinkedHashMap<>();
            if (file.getChild("boxes") instanceof Group boxGroup) {
                long base = file.getHdfBackingStorage().getSuperblock().getBaseAddressByte();
                // by name: HDF5 does not keep the order in which the boxes were written
                for (String name : new java.util.TreeSet<>(boxGroup.getChildren().keySet())) {
                    boxes.put(name, boxColumn(file, "/boxes/" + name, index.length, base, path));
                }
            }
            return new SpectrumDataset(study, step, index, parameters, params, grid, gridUnits, targets, scalers, boxes);
        } catch (LayoutError e) {
            throw e;
        } catch (RuntimeException e) {
            // jhdf fails on damaged files with all kinds of exceptions (IllegalArgumentException among them)
            throw new IllegalArgumentException("cannot read HDF5 file " + path + " (truncated or corrupt?): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** A box dataset: float32 [N, D, D, D], contiguous (rows are read in place, never the whole array). */
    private static BoxColumn boxColumn(HdfFile file, String name, int rows, long base, Path path) {
        Dataset ds = dataset(file, name, float[][][][].class, path);
        int[] dims = ds.getDimensions();
        if (dims[0] != rows || dims[1] != dims[2] || dims[1] != dims[3]) {
            throw new LayoutError(path + ": dataset " + name + " has shape " + java.util.Arrays.toString(dims)
                    + ", expected [" + rows + ", D, D, D]");
        }
        if (!(ds instanceof ContiguousDataset contiguous) || !(ds.getDataType() instanceof FloatingPoint type)) {
            throw new LayoutError(path + ": dataset " + name + " is chunked or compressed; boxes must be stored contiguously");
        }
        Object redshift = ds.getAttribute("redshift") == null ? Double.NaN : ds.getAttribute("redshift").getData();
        Object field = ds.getAttribute("field") == null ? "" : ds.getAttribute("field").getData();
        BoxSpec spec = new BoxSpec(ds.getName(), String.valueOf(field), (String) attribute(ds, "units", path).getData(), dims[1],
                ((Number) attribute(ds, "box_length_mpc", path).getData()).doubleValue(), ((Number) redshift).doubleValue());
        return BoxColumn.inFile(spec, path, base + contiguous.getDataAddress(), rows, type.getByteOrder());
    }

    private static void readScalers(HdfFile file, Group group, String prefix, Map<String, Standardizer> out, Path path) {
        for (Node child : group) {
            if (!(child instanceof Group g)) {
                continue;
            }
            String name = prefix + "/" + child.getName();
            if (g.getChildren().containsKey("mean")) {
                double[] mean = (double[]) dataset(file, name + "/mean", double[].class, path).getData();
                double[] std = (double[]) dataset(file, name + "/std", double[].class, path).getData();
                out.put(name.substring("/scalers/".length()), new Standardizer(mean, std));
            } else {
                readScalers(file, g, name, out, path);
            }
        }
    }

    /**
     * The superblock records where the file ends; a shorter file was cut off (a killed copy or a full disk).
     * jhdf would otherwise read the missing tail of an array as whatever the mapping gives.
     */
    private static void requireComplete(HdfFile file, Path path) throws IOException {
        io.jhdf.Superblock superblock = file.getHdfBackingStorage().getSuperblock();
        long expected = superblock.getBaseAddressByte() + superblock.getEndOfFileAddress();
        long actual = Files.size(path);
        if (actual < expected) {
            throw new LayoutError(path + " is truncated: it has " + actual + " bytes, its HDF5 superblock says " + expected);
        }
    }

    /** Fails with a clear message unless the file exists and starts with the HDF5 signature. */
    public static void requireHdf5(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("input file " + path + " does not exist");
        }
        byte[] head = new byte[HDF5_SIGNATURE.length];
        try (InputStream in = Files.newInputStream(path)) {
            int read = in.readNBytes(head, 0, head.length);
            if (read < head.length || !java.util.Arrays.equals(head, HDF5_SIGNATURE)) {
                throw new LayoutError(path + " is not an HDF5 file" + (read == 0 ? " (it is empty)" : ""));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static Dataset dataset(HdfFile file, String name, Class<?> expected, Path path) {
        Node node;
        try {
            node = file.getByPath(name);
        } catch (RuntimeException e) {
            throw new LayoutError(path + " has no dataset " + name + " (not an EmuFlow dataset of this layout)");
        }
        if (!(node instanceof Dataset ds)) {
            throw new LayoutError(path + ": " + name + " is not a dataset");
        }
        Class<?> type = ds.getJavaType();
        int rank = ds.getDimensions().length;
        int expectedRank = expected.getName().lastIndexOf('[') + 1;
        if (rank != expectedRank || !type.equals(baseType(expected))) {
            throw new LayoutError(path + ": dataset " + name + " has type " + type.getSimpleName() + " and rank " + rank
                    + ", expected " + expected.getSimpleName());
        }
        return ds;
    }

    private static Class<?> baseType(Class<?> arrayType) {
        Class<?> c = arrayType;
        while (c.isArray()) {
            c = c.getComponentType();
        }
        return c;
    }

    private static double[][] readMatrix(Dataset ds, int rows, int columns, Path path) {
        int[] dims = ds.getDimensions();
        if (dims[0] != rows || (columns >= 0 && dims[1] != columns)) {
            throw new LayoutError(path + ": dataset " + ds.getPath() + " has shape " + java.util.Arrays.toString(dims)
                    + ", expected [" + rows + ", " + (columns >= 0 ? columns : "*") + "]");
        }
        if (rows == 0) {
            return new double[0][dims[1]];
        }
        return (double[][]) ds.getData();
    }

    private static Attribute attribute(Node node, String name, Path path) {
        Attribute attribute = node.getAttribute(name);
        if (attribute == null) {
            throw new LayoutError(path + ": " + node.getPath() + " lacks the attribute '" + name + "'");
        }
        return attribute;
    }

    private static String stringAttribute(Node node, String name, Path path) {
        Attribute attribute = node.getAttribute(name);
        if (attribute == null) {
            throw new LayoutError(path + " is not an EmuFlow dataset (no '" + name + "' attribute)");
        }
        Object value = attribute.getData();
        if (!(value instanceof String s)) {
            throw new LayoutError(path + ": attribute '" + name + "' is not a string");
        }
        return s;
    }

    /** jhdf needs a rectangular [N][K] array; an empty dataset is written as [0][K]. */
    private static double[][] matrix(double[][] rows, int columns) {
        return rows.length == 0 ? new double[0][columns] : rows;
    }

    /** A file that is readable HDF5 but not of our layout: its message is already the one users need. */
    private static final class LayoutError extends IllegalArgumentException {
        LayoutError(String message) {
            super(message);
        }
    }
}
