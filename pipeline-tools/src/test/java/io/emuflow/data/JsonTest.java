package io.emuflow.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Outputs must not depend on a map's iteration order: Map.of's changes between JVMs (a per-run salt), so the writer
 * sorts map keys at every depth, and two maps with the same entries give the same bytes whatever their kind.
 */
class JsonTest {
    @Test
    void mapsAreWrittenWithTheirKeysSortedAtEveryDepth() throws Exception {
        Map<String, Object> inner = Map.of("zeta", 1, "alpha", 2, "mu", 3, "beta", 4, "omega", 5);
        Map<String, Object> outer = Map.of("z", inner, "a", List.of(inner), "m", "x", "b", 1.5, "y", true);
        String text = Json.pretty(outer);
        assertEquals(List.of("a", "alpha", "beta", "mu", "omega", "zeta", "b", "m", "y", "z", "alpha", "beta", "mu", "omega", "zeta"),
                keysInOrder(text));
        Map<String, Object> copy = new HashMap<>(outer);
        assertEquals(text, Json.pretty(copy));
        assertEquals('\n', text.charAt(text.length() - 1));
    }

    private static List<String> keysInOrder(String json) {
        List<String> keys = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("\"([a-z]+)\" :").matcher(json);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }
}
