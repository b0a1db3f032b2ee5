package io.emuflow.study;

import io.emuflow.data.Parameter;
import java.util.List;
import java.util.Map;

/**
 * A resolved study (conf/studies/NAME.yaml after validation and overrides). {@code raw} is the resolved
 * document itself: it is what `sample` writes as study.json and what provenance records.
 */
public record Study(
        String name,
        String kind,
        int samples,
        List<Parameter> parameters,
        String simulator,
        Map<String, Object> simulatorSettings,
        List<String> targets,
        String cleaningPolicy,
        double maxRemovedFraction,
        double trainFraction,
        double validationFraction,
        double testFraction,
        double stdFloor,
        List<Map<String, Object>> models,
        Map<String, Object> raw) {

    /** The study's `inference:` block (issue 18), or null when it has none. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> inference() {
        return raw.get("inference") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    public Map<String, Object> model(String modelName) {
        for (Map<String, Object> m : models) {
            if (modelName.equals(m.get("name"))) {
                return m;
            }
        }
        throw new IllegalArgumentException("study " + name + " has no model '" + modelName + "'");
    }
}
