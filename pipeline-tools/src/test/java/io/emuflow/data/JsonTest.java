package io.emuflow.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Outputs must not depend on an iteration order that changes between JVMs (Map.of's per-run salt): maps without an
 * order of their own are written with sorted keys at every depth, maps with one (a report's train, validation,
 * test) keep it, and {@link Json#SORTED} sorts them all.
 */
class JsonTest {
    @Test
    void unorderedMapsAreSortedAndOrderedOnesKeepTheirOrder() throws Exception {
        Map<String, Object> inner = Map.of("zeta", 1, "alpha", 2, "mu", 3, "beta", 4, "omega", 5);
        Map<String, Object> splits = new LinkedHashMap<>();
        splits.put("train", inner);
        splits.put("validation", List.of(inner));
        splits.put("test", 1.5);
        Map<String, Object> outer = Map.of("z", splits, "m", "x", "b", true);
        String text = Json.pretty(outer);
        assertEquals(List.of("b", "m", "z", "train", "alpha", "beta", "mu", "omega", "zeta", "validation", "alpha", "beta", "mu", "omega",
                "zeta", "test"), keysInOrder(text));
        assertEquals(text, Json.pretty(new HashMap<>(outer)), "the same entries give the same bytes whatever the map");
        assertEquals('\n', text.charAt(text.length() - 1));
        String sorted = Json.SORTED.writeValueAsString(outer);
        assertEquals(List.of("b", "m", "z", "test", "train", "alpha", "beta", "mu", "omega", "zeta", "validation", "alpha", "beta", "mu", "omega",
                "zeta"), keysInOrder(sorted));
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
