package io.emuflow.cli;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.emuflow.data.AtomicFiles;
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

/** Input parsing shared by the commands that take named parameters (pk, halomodel, hmf): flags or a CSV, number lists from files. */
final class ParameterInputs {
    interface Body {
        void write(Writer writer) throws IOException;
    }

    private ParameterInputs() {}

    /** Parameter sets by id: from --param NAME=VALUE pairs (id 0) or a CSV with a header of names and optionally id. */
    static Map<Long, Map<String, Double>> parameterSets(List<String> pairs, Path csv) {
        if ((csv == null) == pairs.isEmpty()) {
            throw new IllegalArgumentException("give either --param NAME=VALUE pairs or --params-csv FILE");
        }
        Map<Long, Map<String, Double>> out = new LinkedHashMap<>();
        if (csv == null) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("--param '" + pair + "' is not NAME=VALUE");
                }
                String name = pair.substring(0, eq).trim();
                if (values.put(name, number(pair.substring(eq + 1).trim(), name, "--param")) != null) {
                    throw new IllegalArgumentException("--param " + name + " is given twice");
                }
            }
            out.put(0L, values);
            return out;
        }
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("parameter file " + csv + " does not exist");
        }
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            int line = 1;
            while (it.hasNext()) {
                Map<String, String> record = it.next();
                line++;
                String where = csv + " line " + line;
                Map<String, Double> values = new LinkedHashMap<>();
                for (Map.Entry<String, String> cell : record.entrySet()) {
                    if (!cell.getKey().equals("id")) {
                        values.put(cell.getKey(), number(cell.getValue(), cell.getKey(), where));
                    }
                }
                long id = record.containsKey("id") ? (long) number(record.get("id"), "id", where) : out.size();
                if (out.put(id, values) != null) {
                    throw new IllegalArgumentException(where + ": id " + id + " appears twice");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("cannot read parameter file " + csv + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("parameter file " + csv + " has no rows");
        }
        return out;
    }

    /** Positive finite numbers, one a line (blank lines skipped). */
    static double[] positiveValues(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " file " + file + " does not exist");
        }
        List<Double> values = new ArrayList<>();
        int line = 0;
        for (String text : Files.readAllLines(file)) {
            line++;
            if (!text.isBlank()) {
                double v = number(text.trim(), what, file + " line " + line);
                if (!(v > 0)) {
                    throw new IllegalArgumentException(file + " line " + line + ": " + what + " = " + v + " must be positive");
                }
                values.add(v);
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(what + " file " + file + " has no values");
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double[] logSpace(double lo, double hi, int n) {
        if (!(lo > 0 && hi > lo && n >= 2)) {
            throw new IllegalArgumentException("need 0 < --kmin < --kmax and --nk >= 2, got " + lo + ", " + hi + ", " + n);
        }
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            k[i] = Math.pow(10, Math.log10(lo) + i * (Math.log10(hi) - Math.log10(lo)) / (n - 1));
        }
        k[0] = lo;
        k[n - 1] = hi;
        return k;
    }

    /** Writes to stdout for "-", else to a temporary file renamed into place. */
    static void output(String out, Body body) throws IOException {
        if (out.equals("-")) {
            Writer writer = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            body.write(writer);
            writer.flush();
        } else {
            AtomicFiles.write(Path.of(out), temporary -> {
                try (Writer writer = Files.newBufferedWriter(temporary)) {
                    body.write(writer);
                }
            });
        }
    }

    static double number(String text, String name, String where) {
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(where + ": " + name + " = '" + text + "' is not a finite number");
        }
    }
}
