package io.emuflow.ml.search;

import com.fasterxml.jackson.core.type.TypeReference;
import io.emuflow.data.AtomicFiles;
import io.emuflow.data.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reading and writing the JSON records a search leaves behind (trials, fine-tune trials): one format tag per kind. */
final class RecordFiles {
    private RecordFiles() {
    }

    static void write(Path file, Map<String, Object> record) {
        try {
            AtomicFiles.writeString(file, Json.pretty(record));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record's fields, after checking its format tag; {@code what} names the kind in errors. */
    static Map<String, Object> read(Path file, String format, String what) {
        Map<String, Object> m;
        try {
            m = Json.MAPPER.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
        if (!format.equals(m.get("format"))) {
            throw new IllegalArgumentException(file + " is not a " + what + " (format " + m.get("format") + ", expected " + format + ")");
        }
        return m;
    }

    /** Every file of {@code dir} whose name ends in {@code suffix}, in file-name order; {@code what} names the directory in errors. */
    static List<Path> list(Path dir, String suffix, String what) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(what + " directory " + dir + " does not exist");
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Every file of {@code dir} whose name ends in {@code suffix}, read in file-name order. */
    static <T> List<T> readAll(Path dir, String suffix, String what, Function<Path, T> reader) {
        return list(dir, suffix, what).stream().map(reader).toList();
    }

    /** A number as Jackson reads it back (NaN and infinities are written as strings). */
    static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            return Double.parseDouble(s);
        }
        throw new ClassCastException("not a number: " + o);
    }

    static Double optionalNumber(Object o) {
        return o == null ? null : number(o);
    }
}
