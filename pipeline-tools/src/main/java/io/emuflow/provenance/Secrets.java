package io.emuflow.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Values that must never be recorded (issue 26): those of the environment variables whose names end in
 * {@code _PASSWORD}, {@code _TOKEN} or {@code _SECRET} (EMUFLOW_DB_PASSWORD among them). Every text a step records
 * (its sidecar: command line, settings, extras) and every row RECORD writes passes through {@link #redact}, which
 * replaces each such value wherever it occurs by {@value #MARK}. Values shorter than {@value #MIN_LENGTH} characters
 * are left alone: they would redact ordinary words and numbers, and are no secret worth the name.
 */
public final class Secrets {
    public static final String MARK = "[redacted]";
    static final int MIN_LENGTH = 4;
    private static final Pattern NAME = Pattern.compile(".*_(PASSWORD|TOKEN|SECRET)");
    private final List<String> values;

    private Secrets(List<String> values) {
        this.values = values;
    }

    /** The secrets of this process's environment. */
    public static Secrets fromEnvironment() {
        return of(System.getenv());
    }

    public static Secrets of(Map<String, String> environment) {
        return new Secrets(environment.entrySet().stream()
                .filter(e -> NAME.matcher(e.getKey()).matches() && e.getValue() != null && e.getValue().length() >= MIN_LENGTH)
                .map(Map.Entry::getValue).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder())) // longest first
                .toList());
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The text with every secret replaced; null stays null. */
    public String redact(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : values) {
            out = out.replace(secret, MARK);
        }
        return out;
    }

    /** A copy of the JSON tree with every secret replaced in its texts and field names. */
    public JsonNode redact(JsonNode node) {
        if (values.isEmpty() || node == null) {
            return node;
        }
        if (node.isTextual()) {
            String text = redact(node.asText());
            return text.equals(node.asText()) ? node : TextNode.valueOf(text);
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            object.fields().forEachRemaining(e -> copy.set(redact(e.getKey()), redact(e.getValue())));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(child -> copy.add(redact(child)));
            return copy;
        }
        return node;
    }
}
