package io.emuflow.simulate;

import io.emuflow.data.AtomicFiles;
import io.emuflow.data.Parameter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a user's own Boltzmann code (CLASS, CAMB, ...) through a command template, once per chunk of samples.
 *
 * <p>Settings: {@code command} (required), {@code k_min}, {@code k_max}, {@code n_k} (the log-spaced k grid in 1/Mpc,
 * defaults 1e-4, 5, 200), {@code timeout_s} (default 3600). The command runs under {@code /bin/sh -c} in a fresh
 * working folder, with these placeholders replaced by quoted paths:
 * <ul>
 *   <li>{@code {params}}: input CSV, header {@code id,<parameter names>} (H0, omega_b, omega_c, ln10As, n_s, z and any of
 *       w0, wa, Omega_k the study samples), one row per sample;</li>
 *   <li>{@code {k}}: the k grid, one value per line (1/Mpc);</li>
 *   <li>{@code {out}}: the CSV the command must write, header {@code id,z,k,P_lin,P_nl} (the columns of {@code emuflow pk};
 *       k in 1/Mpc, P in Mpc^3), one row per sample and grid k, at the sample's z.</li>
 * </ul>
 * A non-zero exit status, a time-out, or an output that lacks a row, repeats one, or holds a non-positive or
 * non-finite P is an error naming the problem.
 */
final class ExternalSimulator implements Simulator {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalSimulator.class);
    private static final List<String> REQUIRED = List.of("H0", "omega_b", "omega_c", "ln10As", "n_s", "z");
    private static final List<String> OPTIONAL = List.of("w0", "wa", "Omega_k");
    // CLASS and CAMB give P(k) at any redshift after recombination
    private static final double MAX_REDSHIFT = 1100;

    private final String command;
    private final double[] k;
    private final long timeoutSeconds;
    private final Map<String, Object> resolved;
    /** Any grid and targets (settings `parameters`, `grid`, `targets`); null for P(k), the default. */
    private final ExternalGrid generic;

    ExternalSimulator(Map<String, Object> settingsMap) {
        Settings settings = new Settings("simulator external", settingsMap, Set.of("command", "k_min", "k_max", "n_k", "timeout_s",
                "parameters", "grid", "grid_name", "grid_units", "targets", "units"));
        generic = ExternalGrid.parse(settingsMap);
        if (!(settingsMap.get("command") instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("simulator external needs the setting 'command', a shell command using {params}, {k} and {out}");
        }
        command = settings.text("command", "");
        if (!command.contains("{out}")) {
            throw new IllegalArgumentException("simulator external: the command must write its results to {out}");
        }
        double kMin = settings.number("k_min", 1e-4);
        double kMax = settings.number("k_max", 5.0);
        int nK = settings.integer("n_k", 200);
        timeoutSeconds = settings.integer("timeout_s", 3600);
        if (!(kMin > 0) || !(kMax > kMin) || nK < 2 || timeoutSeconds < 1) {
            throw new IllegalArgumentException("simulator external: need 0 < k_min < k_max, n_k >= 2 and timeout_s >= 1, got k_min="
                    + kMin + ", k_max=" + kMax + ", n_k=" + nK + ", timeout_s=" + timeoutSeconds);
        }
        k = generic != null ? generic.grid() : PowerSpectrumSimulator.logSpace(kMin, kMax, nK);
        resolved = settings.resolved();
        if (generic != null) {
            resolved.keySet().removeAll(Set.of("k_min", "k_max", "n_k"));
            resolved.putAll(generic.toMap());
        }
    }

    @Override
    public String name() {
        return "external";
    }

    @Override
    public List<String> requiredParameters() {
        return generic != null ? generic.parameters() : REQUIRED;
    }

    @Override
    public List<String> optionalParameters() {
        return generic != null ? List.of() : OPTIONAL;
    }

    /** z must lie in [0, 1100]; the other parameters must form physical cosmologies at every corner of the box. */
    @Override
    public void checkRanges(List<Parameter> parameters) {
        if (generic == null) { // a generic study's parameters are the user's code's business
            CosmologyBox.checkedCorners(parameters, MAX_REDSHIFT);
        }
    }

    @Override
    public double[] grid() {
        return k.clone();
    }

    @Override
    public String gridUnits() {
        return generic != null ? generic.gridUnits() : "1/Mpc";
    }

    @Override
    public String gridName() {
        return generic != null ? generic.gridName() : "k";
    }

    @Override
    public List<TargetSpec> targets() {
        return generic != null ? generic.targets() : List.of(new TargetSpec("P_lin", "Mpc^3"), new TargetSpec("P_nl", "Mpc^3"));
    }

    @Override
    public Map<String, Object> resolvedSettings() {
        return resolved;
    }

    /** One sample: a chunk of one row. */
    @Override
    public double[][] simulate(List<String> names, double[] values) {
        return simulateBatch(names, new double[][] {values})[0];
    }

    /** The command runs once per chunk. */
    @Override
    public boolean prefersBatch() {
        return true;
    }

    /**
     * Runs the command once for all rows.
     *
     * @return [row][target][k], targets in the order of {@link #targets()}
     */
    @Override
    public double[][][] simulateBatch(List<String> names, double[][] rows) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("emuflow-external-");
            Path params = dir.resolve("params.csv");
            Path kFile = dir.resolve("k.txt");
            Path out = dir.resolve("out.csv");
            writeInputs(names, rows, params, kFile);
            String line = command.replace("{params}", quote(params)).replace("{k}", quote(kFile)).replace("{grid}", quote(kFile)).replace("{out}", quote(out));
            run(line, dir);
            return readOutput(out, rows, names.indexOf("z"));
        } catch (IOException e) {
            throw new UncheckedIOException("simulator external: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                try {
                    AtomicFiles.deleteRecursively(dir);
                } catch (IOException e) {
                    LOG.warn("cannot remove {}: {}", dir, e.getMessage());
                }
            }
        }
    }

    private void writeInputs(List<String> names, double[][] rows, Path params, Path kFile) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(params, StandardCharsets.UTF_8)) {
            w.write("id," + String.join(",", names) + "\n");
            for (int i = 0; i < rows.length; i++) {
                StringBuilder line = new StringBuilder().append(i);
                for (double v : rows[i]) {
                    line.append(',').append(v);
                }
                w.write(line.append('\n').toString());
            }
        }
        StringBuilder ks = new StringBuilder();
        for (double v : k) {
            ks.append(v).append('\n');
        }
        Files.writeString(kFile, ks.toString());
    }

    private void run(String line, Path dir) throws IOException {
        Path log = dir.resolve("command.log");
        Process process = new ProcessBuilder("/bin/sh", "-c", line).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("simulator external: the command did not finish within " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("simulator external: interrupted", e);
        }
        if (process.exitValue() != 0) {
            List<String> output = Files.readAllLines(log);
            String tail = String.join(" | ", output.subList(Math.max(0, output.size() - 3), output.size()));
            throw new IllegalStateException("simulator external: the command exited with status " + process.exitValue()
                    + (tail.isBlank() ? "" : ": " + tail));
        }
    }

    private double[][][] readOutput(Path out, double[][] rows, int zColumn) throws IOException {
        if (!Files.isRegularFile(out)) {
            throw new IllegalStateException("simulator external: the command wrote no output file {out}");
        }
        List<String> lines = Files.readAllLines(out);
        if (lines.isEmpty()) {
            throw new IllegalStateException("simulator external: the output file is empty");
        }
        List<String> header = Arrays.stream(lines.get(0).split(",")).map(String::trim).toList();
        List<String> columns = new java.util.ArrayList<>(List.of("id", "z", "k"));
        if (generic != null) { // no z column: id, grid, targets
            zColumn = -1;
            columns = new java.util.ArrayList<>(List.of("id", generic.gridName()));
            columns.add(1, "z"); // a placeholder the loop below skips
        }
        List<String> names = new java.util.ArrayList<>(columns);
        targets().forEach(t -> names.add(t.name()));
        String[] wanted = names.toArray(new String[0]);
        int nTargets = targets().size();
        int[] col = new int[wanted.length];
        for (int c = 0; c < wanted.length; c++) {
            col[c] = generic != null && c == 1 ? -1 : header.indexOf(wanted[c]);
            if (col[c] < 0 && !(generic != null && c == 1)) {
                throw new IllegalStateException("simulator external: output header " + header + " lacks the column " + wanted[c]
                        + " (expected " + String.join(",", generic != null ? names.subList(0, 1) : names.subList(0, 3))
                        + (generic != null ? "," + String.join(",", names.subList(2, names.size())) : ",P_lin,P_nl") + ")");
            }
        }
        double[][][] result = new double[rows.length][nTargets][k.length];
        boolean[][] seen = new boolean[rows.length][k.length];
        for (int n = 1; n < lines.size(); n++) {
            String text = lines.get(n);
            if (text.isBlank()) {
                continue;
            }
            String[] cells = text.split(",");
            String where = "simulator external: output line " + (n + 1);
            double[] v = new double[wanted.length];
            for (int c = 0; c < wanted.length; c++) {
                if (col[c] < 0) {
                    continue;
                }
                try {
                    v[c] = Double.parseDouble(cells[col[c]].trim());
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new IllegalStateException(where + ": column " + wanted[c] + " is missing or not a number");
                }
            }
            int id = (int) v[0];
            if (id != v[0] || id < 0 || id >= rows.length) {
                throw new IllegalStateException(where + ": id " + cells[col[0]] + " is not one of the " + rows.length + " input rows");
            }
            int j = gridIndex(v[2]);
            if (j < 0) {
                throw new IllegalStateException(where + ": " + gridName() + " = " + v[2] + " is not on the grid given in {k}");
            }
            if (zColumn >= 0 && Math.abs(v[1] - rows[id][zColumn]) > 1e-9 * Math.max(1, Math.abs(rows[id][zColumn]))) {
                throw new IllegalStateException(where + ": z = " + v[1] + " but sample " + id + " has z = " + rows[id][zColumn]);
            }
            if (seen[id][j]) {
                throw new IllegalStateException(where + ": sample " + id + " at " + gridName() + " = " + v[2] + " appears twice");
            }
            if (generic == null && !(v[3] > 0 && v[4] > 0 && Double.isFinite(v[3]) && Double.isFinite(v[4]))) {
                throw new IllegalStateException(where + ": P_lin and P_nl must be positive and finite, got " + v[3] + " and " + v[4]);
            }
            seen[id][j] = true; // a generic target may be negative (TE) or NaN (the clean step drops the row)
            for (int t = 0; t < nTargets; t++) {
                result[id][t][j] = v[3 + t];
            }
        }
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < k.length; j++) {
                if (!seen[i][j]) {
                    throw new IllegalStateException("simulator external: the output lacks sample " + i + " at " + gridName() + " = " + k[j]);
                }
            }
        }
        return result;
    }

    private int gridIndex(double value) {
        int j = Arrays.binarySearch(k, value);
        if (j >= 0) {
            return j;
        }
        int insertion = -j - 1;
        for (int c = Math.max(0, insertion - 1); c <= Math.min(k.length - 1, insertion); c++) {
            if (Math.abs(value / k[c] - 1) < 1e-6) {
                return c;
            }
        }
        return -1;
    }

    private static String quote(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "'\\''") + "'";
    }
}
