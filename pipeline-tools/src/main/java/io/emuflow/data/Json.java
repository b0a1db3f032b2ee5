package io.emuflow.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one JSON writer of EmuFlow's outputs: indented, map entries sorted by key. Sorting matters for bit-identical
 * outputs: the iteration order of {@code Map.of} changes from one JVM to the next (a per-run salt), so a map written
 * in its own order would give two runs different bytes.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Json() {
    }

    /** The value as indented JSON with a final newline. */
    public static String pretty(Object value) throws JsonProcessingException {
        return MAPPER.writeValueAsString(value) + "\n";
    }
}
