package io.emuflow.ml;

import java.util.Map;

/** PLACEHOLDER (replaced by the ml work). */
public final class ModelSettings {
    public static ModelSettings fromMap(Map<String, Object> map) {
        throw new UnsupportedOperationException("ml package not implemented yet");
    }

    public ModelSettings withOverrides(Map<String, Object> overrides) {
        throw new UnsupportedOperationException("ml package not implemented yet");
    }

    public String name() {
        throw new UnsupportedOperationException("ml package not implemented yet");
    }

    public Map<String, Object> toMap() {
        throw new UnsupportedOperationException("ml package not implemented yet");
    }
}
