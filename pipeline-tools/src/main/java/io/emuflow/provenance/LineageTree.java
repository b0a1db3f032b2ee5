package io.emuflow.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Renders an audit JSON tree as an indented, readable text tree. */
public final class LineageTree {
    private LineageTree() {}

    public static String render(JsonNode node) {
        StringBuilder out = new StringBuilder();
        if (node.has("model")) {
            out.append("model ").append(node.path("model").asText()).append(" (study ").append(node.path("study").asText())
                    .append(", target ").append(node.path("target").asText()).append(")\n");
            artifact(out, node.get("artifact"), "");
            out.append("metrics:\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.path("metrics").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> split = it.next();
                out.append("  ").append(split.getKey()).append(": ").append(split.getValue()).append('\n');
            }
        } else if (node.has("artifact")) {
            artifact(out, node.get("artifact"), "");
            out.append("used by:\n");
            node.path("used_by").forEach(u -> out.append("  ").append(u.path("step").asText()).append(" (as ")
                    .append(u.path("role").asText()).append(", execution ").append(u.path("execution").asLong()).append(")\n"));
            out.append("models descending from it:\n");
            node.path("models").forEach(m -> out.append("  ").append(m.asText()).append('\n'));
        } else {
            out.append(node.toPrettyString()).append('\n');
        }
        return out.toString();
    }

    private static void artifact(StringBuilder out, JsonNode a, String indent) {
        out.append(indent).append(a.path("role").asText()).append(": ").append(a.path("path").asText("?"))
                .append("  sha256 ").append(a.path("sha256").asText());
        if (a.has("shape")) {
            out.append("  shape ").append(a.path("shape").asText());
        }
        out.append('\n');
        if (a.path("see_above").asBoolean()) {
            out.append(indent).append("  (lineage shown above)\n");
            return;
        }
        JsonNode step = a.get("produced_by");
        if (step == null) {
            out.append(indent).append("  ").append(a.path("source").asText("not recorded")).append('\n');
            return;
        }
        out.append(indent).append("  <- ").append(step.path("step").asText()).append("  tool ").append(step.path("tool_version").asText())
                .append(" git ").append(step.path("git_commit").asText());
        if (step.has("seed")) {
            out.append("  seed ").append(step.path("seed").asLong());
        }
        out.append("  task ").append(step.path("task_hash").asText("-")).append('\n');
        out.append(indent).append("     runs: ").append(step.path("runs")).append('\n');
        out.append(indent).append("     settings: ").append(step.path("settings")).append('\n');
        for (JsonNode input : step.path("inputs")) {
            artifact(out, input, indent + "     ");
        }
    }
}
