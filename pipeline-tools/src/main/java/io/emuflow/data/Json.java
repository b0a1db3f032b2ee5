package io.emuflow.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * EmuFlow's JSON writers. Outputs must be bit-identical from run to run, and the iteration order of {@code Map.of}
 * changes from one JVM to the next (a per-run salt):
 * <ul>
 * <li>{@link #pretty} keeps the order of maps that have one (LinkedHashMap, sorted maps: a report's train, validation,
 * test) and writes every other map with its keys sorted;</li>
 * <li>{@link #SORTED} sorts every map's keys: the machine files (model bundles, sidecars, resolved studies).</li>
 * </ul>
 */
public final class Json {
    /** Indented, maps in their own iteration order: write through {@link #pretty}, which makes that order stable. */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Indented, every map's keys sorted. */
    public static final ObjectMapper SORTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Json() {
    }

    /** The value as indented JSON with a final newline, every map without an order of its own sorted by key. */
    public static String pretty(Object value) throws JsonProcessingException {
        return MAPPER.writeValueAsString(stable(value)) + "\n";
    }

    /** A copy in which maps without a defined order (Map.of, HashMap) are sorted by key, at every depth of maps and lists. */
    static Object stable(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = map instanceof LinkedHashMap || map instanceof SortedMap
                    ? new LinkedHashMap<>() : new TreeMap<>(Comparator.comparing(String::valueOf));
            map.forEach((k, v) -> out.put(k, stable(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(stable(v)));
            return out;
        }
        return value;
    }
}
