package io.emuflow.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parameter sets from a CSV file with a header row (names, optionally an {@code id} column), or from
 * NAME=VALUE pairs, reordered to the order a model or simulator expects.
 */
public record ParameterTable(long[] ids, double[][] rows) {

    public static ParameterTable fromCsv(Path file, List<String> names) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("parameter file " + file + " does not exist");
        }
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        List<Long> ids = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            int line = 1;
            while (it.hasNext()) {
                Map<String, String> record = it.next();
                line++;
                for (String column : record.keySet()) {
                    if (!column.equals("id") && !names.contains(column)) {
                        throw new IllegalArgumentException(file + ": unknown column '" + column + "' (expected " + names + ", optionally id)");
                    }
                }
                double[] row = new double[names.size()];
                for (int j = 0; j < names.size(); j++) {
                    row[j] = number(record.get(names.get(j)), names.get(j), file + " line " + line);
                }
                ids.add(record.containsKey("id") ? (long) number(record.get("id"), "id", file + " line " + line) : rows.size());
                rows.add(row);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("cannot read parameter file " + file + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("parameter file " + file + " has no rows");
        }
        return new ParameterTable(ids.stream().mapToLong(Long::longValue).toArray(), rows.toArray(new double[0][]));
    }

    /** One parameter set from NAME=VALUE pairs; every name must be given exactly once. */
    public static ParameterTable fromPairs(List<String> pairs, List<String> names) {
        double[] row = new double[names.size()];
        boolean[] given = new boolean[names.size()];
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("parameter '" + pair + "' is not NAME=VALUE");
            }
            String name = pair.substring(0, eq).trim();
            int j = names.indexOf(name);
            if (j < 0) {
                throw new IllegalArgumentException("unknown parameter '" + name + "' (expected " + names + ")");
            }
            row[j] = number(pair.substring(eq + 1).trim(), name, "--param");
            given[j] = true;
        }
        for (int j = 0; j < names.size(); j++) {
            if (!given[j]) {
                throw new IllegalArgumentException("parameter " + names.get(j) + " is missing (expected " + names + ")");
            }
        }
        return new ParameterTable(new long[] {0}, new double[][] {row});
    }

    private static double number(String text, String name, String where) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(where + ": parameter " + name + " is missing");
        }
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(where + ": parameter " + name + " is " + text + ", not a finite number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": parameter " + name + " = '" + text + "' is not a number");
        }
    }
}
