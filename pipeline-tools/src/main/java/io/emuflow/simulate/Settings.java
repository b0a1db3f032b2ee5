package io.emuflow.simulate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Typed access to a simulator's settings map, rejecting unknown keys and wrong types with clear messages. */
final class Settings {
    private final String owner;
    private final Map<String, Object> values;
    private final Map<String, Object> resolved = new LinkedHashMap<>();

    Settings(String owner, Map<String, Object> values, Set<String> known) {
        this.owner = owner;
        this.values = values;
        for (String key : values.keySet()) {
            if (Simulator.SAVE_BOXES.equals(key) && !known.contains(key)) {
                throw new IllegalArgumentException(owner + " makes no boxes, so the setting '" + key
                        + "' does not apply (boxes are saved by: reion21cm, halo-boxes)");
            }
            if (!known.contains(key)) {
                throw new IllegalArgumentException(owner + " setting '" + key + "' is unknown (known: " + known + ")");
            }
        }
    }

    double number(String key, double fallback) {
        Object v = values.getOrDefault(key, fallback);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(owner + " setting '" + key + "' must be a number, got '" + v + "'");
        }
        resolved.put(key, n.doubleValue());
        return n.doubleValue();
    }

    int integer(String key, int fallback) {
        Object v = values.getOrDefault(key, fallback);
        if (!(v instanceof Integer || v instanceof Long)) {
            throw new IllegalArgumentException(owner + " setting '" + key + "' must be an integer, got '" + v + "'");
        }
        resolved.put(key, ((Number) v).intValue());
        return ((Number) v).intValue();
    }

    String text(String key, String fallback) {
        Object v = values.getOrDefault(key, fallback);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(owner + " setting '" + key + "' must be a string, got '" + v + "'");
        }
        resolved.put(key, s);
        return s;
    }

    Map<String, Object> resolved() {
        return resolved;
    }
}
