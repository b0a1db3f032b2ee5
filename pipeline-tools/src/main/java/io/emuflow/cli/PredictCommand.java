package io.emuflow.cli;

import io.emuflow.data.AtomicFiles;
import io.emuflow.data.DatasetFile;
import io.emuflow.data.IntegerGridSpline;
import io.emuflow.data.Parameter;
import io.emuflow.data.ParameterTable;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.data.Target;
import io.emuflow.ml.emulator.Emulator;
import io.emuflow.ml.emulator.EmulatorMetadata;
import io.emuflow.ml.emulator.Pretrained;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Spectra from a trained emulator, for parameter sets given as CSV or as flags. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict spectra from a model bundle. Output: CSV (id,k,<target>) or HDF5 (dataset layout).")
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true,
            description = "model bundle directory, or pretrained:NAME for a model shipped in the jar (pretrained:pk-emulator)")
    String model;

    @Option(names = "--extrapolate", description = "predict outside the model's training box too (the default refuses)")
    boolean extrapolate;

    @Option(names = "--nodes", description = "for a multipole (ell) grid: only the nodes the model was trained on "
            + "(the default fills every l between them with a cubic spline)")
    boolean nodesOnly;

    @Option(names = "--params", description = "CSV with a header row of parameter names (and optionally id)")
    Path paramsCsv;

    @Option(names = "--param", description = "NAME=VALUE (repeat for every parameter)")
    List<String> pairs = new ArrayList<>();

    @Option(names = "--out", defaultValue = "-", description = "FILE.csv, FILE.h5 or - for CSV on stdout (default)")
    String out;

    @Override
    public Integer call() throws IOException {
        Path modelDir = Pretrained.isReference(model) ? Pretrained.bundle(model) : Path.of(model);
        Emulator emulator = Emulator.load(modelDir);
        EmulatorMetadata meta = emulator.metadata();
        if ((paramsCsv == null) == pairs.isEmpty()) {
            throw new IllegalArgumentException("give either --params FILE or --param NAME=VALUE pairs");
        }
        ParameterTable table = paramsCsv != null
                ? ParameterTable.fromCsv(paramsCsv, meta.paramNames())
                : ParameterTable.fromPairs(pairs, meta.paramNames());
        boolean[] outside = TrainingBox.outside(TrainingBox.metadata(emulator, modelDir), table, extrapolate);
        double[][] spectra = emulator.predict(table.rows());
        double[] grid = meta.grid();
        List<double[][]> perTarget = new ArrayList<>();
        for (int t = 0; t < meta.targetNames().size(); t++) {
            perTarget.add(meta.slice(spectra, t));
        }
        if (isMultipoleGrid(meta) && !nodesOnly) { // every l between the nodes, as a CMB user needs them
            IntegerGridSpline spline = new IntegerGridSpline(grid);
            perTarget.replaceAll(rows -> java.util.Arrays.stream(rows).map(spline::interpolate).toArray(double[][]::new));
            grid = spline.everyInteger();
        }
        boolean[] flags = extrapolate ? outside : null;
        double[] outGrid = grid;
        if (out.endsWith(".h5") || out.endsWith(".hdf5")) {
            List<Parameter> parameters = new ArrayList<>();
            for (String name : meta.paramNames()) {
                parameters.add(new Parameter(name, "", -Double.MAX_VALUE, Double.MAX_VALUE));
            }
            Map<String, Target> targets = new LinkedHashMap<>();
            for (int t = 0; t < meta.targetNames().size(); t++) {
                targets.put(meta.targetNames().get(t), new Target(meta.targetNames().get(t), "", false, perTarget.get(t)));
            }
            SpectrumDataset result = new SpectrumDataset(meta.study(), "predict", table.ids(), parameters, table.rows(),
                    grid, isMultipoleGrid(meta) ? "" : "1/Mpc", targets, Map.of());
            DatasetFile.write(result, Path.of(out), VersionInfo.full());
        } else if (out.equals("-")) {
            Writer writer = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            writeCsv(writer, table.ids(), meta, outGrid, perTarget, flags);
            writer.flush();
        } else {
            AtomicFiles.write(Path.of(out), temporary -> {
                try (Writer writer = Files.newBufferedWriter(temporary)) {
                    writeCsv(writer, table.ids(), meta, outGrid, perTarget, flags);
                }
            });
        }
        return 0;
    }

    private static boolean isMultipoleGrid(EmulatorMetadata meta) {
        return meta.gridName().equals("ell");
    }

    /** {@code flags}: with --extrapolate, 1 in a last column {@code extrapolated} for the rows outside the box. */
    private static void writeCsv(Writer writer, long[] ids, EmulatorMetadata meta, double[] grid, List<double[][]> perTarget,
            boolean[] flags) throws IOException {
        // one column per target: id,k,P_nl (or id,k,P_lin,P_nl for a multi-output emulator; id,ell,TT for a CMB one)
        writer.write("id," + meta.gridName() + "," + String.join(",", meta.targetNames()) + (flags == null ? "" : ",extrapolated") + "\n");
        boolean integers = isMultipoleGrid(meta);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            for (int j = 0; j < grid.length; j++) {
                line.setLength(0);
                line.append(ids[i]).append(',');
                if (integers) {
                    line.append((long) grid[j]);
                } else {
                    line.append(grid[j]);
                }
                for (double[][] target : perTarget) {
                    line.append(',').append(target[i][j]);
                }
                if (flags != null) {
                    line.append(',').append(flags[i] ? 1 : 0);
                }
                writer.write(line.append('\n').toString());
            }
        }
    }
}
