package io.emuflow.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.emuflow.data.Json;
import io.emuflow.data.Parameter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Loads a study file (YAML or JSON), validates it against schema/study.schema.json and applies overrides. */
public final class StudyLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = Json.SORTED;
    private static final JsonSchema SCHEMA = loadSchema();

    private StudyLoader() {}

    /**
     * Loads and validates a study.
     *
     * @param testSize merge the study's own {@code test_overrides} over it (the pipeline's test profile)
     * @param overrides further values merged over the study (e.g. {samples: 1000}); may be empty
     */
    public static Study load(Path file, boolean testSize, Map<String, Object> overrides) {
        Map<String, Object> document = readDocument(file);
        validate(document, file.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> testOverrides = (Map<String, Object>) document.remove("test_overrides");
        if (testSize && testOverrides != null) {
            document = merge(document, testOverrides);
        }
        document = merge(document, overrides);
        validate(document, file + " (after overrides)");
        try {
            return build(document);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("study " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a resolved study as written by {@link #toJson(Study)}. */
    public static Study loadResolved(Path file) {
        return load(file, false, Map.of());
    }

    public static String toJson(Study study) {
        try {
            return JSON.writeValueAsString(study.raw()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> readDocument(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("study file " + file + " does not exist");
        }
        try {
            Object parsed = YAML.readValue(file.toFile(), Object.class);
            if (!(parsed instanceof Map)) {
                throw new IllegalArgumentException("study file " + file + " is not a YAML mapping");
            }
            return YAML.convertValue(parsed, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            String location = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            // the YAML parser's message spans lines (with a caret drawing): users get one line
            String reason = String.valueOf(e.getOriginalMessage()).replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
            throw new IllegalArgumentException("study file " + file + " is not valid YAML" + location + ": " + reason, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read study file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void validate(Map<String, Object> document, String source) {
        JsonNode node = JSON.valueToTree(document);
        Set<ValidationMessage> errors = SCHEMA.validate(node);
        if (!errors.isEmpty()) {
            Set<String> messages = new TreeSet<>();
            for (ValidationMessage error : errors) {
                messages.add(error.getMessage());
            }
            throw new IllegalArgumentException("study " + source + " is invalid: " + String.join("; ", messages));
        }
    }

    /** Deep merge: maps merge key by key, anything else (numbers, strings, lists) is replaced. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overrides) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        for (Map.Entry<String, Object> e : overrides.entrySet()) {
            Object old = out.get(e.getKey());
            if (old instanceof Map && e.getValue() instanceof Map) {
                out.put(e.getKey(), merge((Map<String, Object>) old, (Map<String, Object>) e.getValue()));
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Study build(Map<String, Object> doc) {
        List<Parameter> parameters = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) doc.get("parameters")) {
            String name = (String) p.get("name");
            if (!seen.add(name)) {
                throw new IllegalArgumentException("study parameter " + name + " is listed twice");
            }
            parameters.add(new Parameter(name, (String) p.get("units"), number(p.get("lower")), number(p.get("upper"))));
        }
        Map<String, Object> simulator = (Map<String, Object>) doc.get("simulator");
        Map<String, Object> settings = (Map<String, Object>) simulator.getOrDefault("settings", Map.of());
        Map<String, Object> cleaning = (Map<String, Object>) doc.getOrDefault("cleaning", Map.of());
        Map<String, Object> split = (Map<String, Object>) doc.get("split");
        double train = number(split.get("train"));
        double validation = number(split.get("validation"));
        double test = number(split.get("test"));
        if (Math.abs(train + validation + test - 1.0) > 1e-9) {
            throw new IllegalArgumentException("study split fractions add up to " + (train + validation + test) + ", not 1");
        }
        List<Map<String, Object>> models = (List<Map<String, Object>>) doc.get("models");
        Set<String> modelNames = new TreeSet<>();
        for (Map<String, Object> m : models) {
            if (!modelNames.add((String) m.get("name"))) {
                throw new IllegalArgumentException("study model name " + m.get("name") + " is used twice");
            }
        }
        resolveInference(doc, models);
        return new Study(
                (String) doc.get("name"),
                (String) doc.get("kind"),
                ((Number) doc.get("samples")).intValue(),
                parameters,
                (String) simulator.get("name"),
                settings,
                targets(doc.get("target")),
                (String) cleaning.getOrDefault("policy", "drop-rows"),
                number(cleaning.getOrDefault("max_removed_fraction", 0.05)),
                train,
                validation,
                test,
                number(split.getOrDefault("std_floor", 1e-3)),
                models,
                doc);
    }

    /**
     * An `inference:` block (issue 18) is for emulator studies, names one of the study's models (the first by default,
     * written into the resolved study so every later step sees the same choice) and reads its data from a file or
     * makes a mock, not both.
     */
    @SuppressWarnings("unchecked")
    private static void resolveInference(Map<String, Object> doc, List<Map<String, Object>> models) {
        if (!(doc.get("inference") instanceof Map<?, ?> raw)) {
            return;
        }
        Map<String, Object> inference = new LinkedHashMap<>((Map<String, Object>) raw);
        if (!"emulator".equals(doc.get("kind"))) {
            throw new IllegalArgumentException("an inference: block needs a study of kind emulator, not " + doc.get("kind"));
        }
        if ("cmb".equals(inference.get("likelihood"))) {
            resolveCmbInference(inference, models);
            doc.put("inference", inference);
            return;
        }
        Object model = inference.get("model");
        if (model == null) {
            inference.put("model", models.get(0).get("name"));
        } else if (models.stream().noneMatch(m -> model.equals(m.get("name")))) {
            throw new IllegalArgumentException("inference: model '" + model + "' is not one of the study's models");
        }
        if ((inference.get("data") == null) == (inference.get("mock") == null)) {
            throw new IllegalArgumentException("inference: give either data (a file) or mock (a fiducial cosmology), not both or neither");
        }
        doc.put("inference", inference);
    }

    /**
     * `inference: {likelihood: cmb}` (issue 23, `emuflow infer-cmb`): a TT+TE+EE mock from a test-split row; its
     * `models` names the study's TT, TE and EE emulators, each one of the study's models.
     */
    @SuppressWarnings("unchecked")
    private static void resolveCmbInference(Map<String, Object> inference, List<Map<String, Object>> models) {
        if (!(inference.get("models") instanceof Map<?, ?> named) || !named.keySet().equals(java.util.Set.of("TT", "TE", "EE"))) {
            throw new IllegalArgumentException("inference: likelihood cmb needs models: {TT: ..., TE: ..., EE: ...}, got " + inference.get("models"));
        }
        for (Map.Entry<?, ?> e : named.entrySet()) {
            if (models.stream().noneMatch(m -> e.getValue().equals(m.get("name")))) {
                throw new IllegalArgumentException("inference: models." + e.getKey() + " '" + e.getValue() + "' is not one of the study's models");
            }
        }
        for (String key : List.of("model", "data", "mock", "covariance", "priors", "emulator_error")) {
            if (inference.containsKey(key)) {
                throw new IllegalArgumentException("inference: '" + key + "' does not apply to likelihood cmb (it takes models, test_row, f_sky, class_seconds, sampler)");
            }
        }
    }

    /** `target: P_nl` or `target: [P_lin, P_nl]` (the schema has checked the types). */
    @SuppressWarnings("unchecked")
    private static List<String> targets(Object target) {
        return target instanceof List<?> list ? List.copyOf((List<String>) list) : List.of((String) target);
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = StudyLoader.class.getResourceAsStream("/schema/study.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("study.schema.json is missing from the jar");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
