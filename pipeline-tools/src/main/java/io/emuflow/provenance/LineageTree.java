package io.emuflow.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Renders an audit answer (the JSON of {@link Auditor}) as indented, readable text. */
public final class LineageTree {
    private LineageTree() {}

    public static String render(JsonNode node) {
        StringBuilder out = new StringBuilder();
        switch (node.path("answer").asText()) {
            case "model" -> model(out, node);
            case "dataset" -> dataset(out, node);
            case "run" -> run(out, node);
            case "verify" -> verify(out, node);
            case "diff" -> diff(out, node);
            case "models" -> models(out, node);
            default -> out.append(node.toPrettyString()).append('\n');
        }
        return out.toString();
    }

    private static void model(StringBuilder out, JsonNode node) {
        out.append("model ").append(node.path("model").asText()).append("  sha256 ").append(node.path("sha256").asText())
                .append("\n  study ").append(node.path("study").asText()).append(", target ").append(node.path("target").asText()).append('\n');
        JsonNode s = node.path("summary");
        out.append("summary:\n");
        line(out, "sampling", "seed " + s.at("/sampling/seed").asText("-") + ", " + s.at("/sampling/samples").asText("?") + " samples ("
                + s.at("/sampling/method").asText("?") + "), ranges " + s.at("/sampling/ranges"));
        line(out, "simulation", s.at("/simulation/simulator").asText("-") + " " + s.at("/simulation/settings") + " in "
                + s.at("/simulation/chunks").asText("?") + " chunks");
        line(out, "cleaning", s.path("cleaning").toString());
        line(out, "split", s.path("split").toString());
        line(out, "training", s.path("training").toString());
        line(out, "code", join(s.path("code")));
        line(out, "runs", join(s.path("runs")));
        out.append("lineage:\n");
        artifact(out, node.get("artifact"), "  ");
        out.append("metrics:\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("metrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> split = it.next();
            out.append("  ").append(split.getKey()).append(": ").append(split.getValue()).append('\n');
        }
    }

    private static void dataset(StringBuilder out, JsonNode node) {
        out.append("made by:\n");
        artifact(out, node.get("artifact"), "  ");
        out.append("used by:\n");
        node.path("used_by").forEach(u -> out.append("  ").append(u.path("step").asText()).append(" (as ")
                .append(u.path("role").asText()).append(", execution ").append(u.path("execution").asLong()).append(")\n"));
        out.append("models descending from it:\n");
        node.path("models").forEach(m -> out.append("  ").append(m.asText()).append('\n'));
    }

    private static void run(StringBuilder out, JsonNode node) {
        out.append("run ").append(node.path("run").asText()).append("  session ").append(node.path("session_id").asText("-"))
                .append("  outdir ").append(node.path("outdir").asText("-")).append('\n');
        for (JsonNode e : node.path("executions")) {
            out.append("  ").append(e.path("step").asText()).append("  execution ").append(e.path("execution").asLong())
                    .append("  task ").append(e.path("task_hash").asText("-")).append('\n');
            for (JsonNode o : e.path("outputs")) {
                out.append("    -> ").append(o.path("role").asText()).append(": ").append(o.path("published").asText(o.path("path").asText()))
                        .append("  sha256 ").append(o.path("sha256").asText()).append('\n');
            }
        }
    }

    private static void verify(StringBuilder out, JsonNode node) {
        out.append("checked ").append(node.path("checked").asInt()).append(" recorded files: ")
                .append(node.path("missing").isEmpty() && node.path("altered").isEmpty() ? "all present and unchanged" : "PROBLEMS");
        if (!node.path("replaced").isEmpty()) {
            out.append(" (").append(node.path("replaced").size()).append(" replaced by a later recorded output)");
        }
        out.append('\n');
        if (node.has("recorded_outdir") && !node.path("recorded_outdir").equals(node.path("outdir"))) {
            out.append("  results folder ").append(node.path("outdir").asText()).append(", recorded at ")
                    .append(node.path("recorded_outdir").asText()).append('\n');
        }
        node.path("missing").forEach(m -> out.append("  missing  ").append(m.asText()).append('\n'));
        node.path("altered").forEach(a -> out.append("  altered  ").append(a.path("path").asText()).append("  recorded ")
                .append(a.path("recorded_sha256").asText()).append(", now ").append(a.path("sha256_now").asText()).append('\n'));
        node.path("replaced").forEach(a -> out.append("  replaced ").append(a.path("path").asText()).append("  recorded ")
                .append(a.path("recorded_sha256").asText(), 0, 12).append(", now the recorded ").append(a.path("sha256_now").asText(), 0, 12)
                .append('\n'));
        JsonNode records = node.path("records");
        if (!records.isMissingNode()) {
            boolean intact = records.path("altered").isEmpty() && records.path("chain").isEmpty();
            out.append("checked ").append(records.path("checked").asInt()).append(" records and the hash chains of ")
                    .append(records.path("runs").asInt()).append(" runs: ").append(intact ? "intact" : "TAMPERED");
            if (records.path("unchained").asInt() > 0) {
                out.append(" (").append(records.path("unchained").asInt()).append(" records from before version 4 carry no hash)");
            }
            out.append('\n');
            records.path("altered").forEach(a -> out.append("  altered record: execution ").append(a.path("execution").asLong()).append(" (")
                    .append(a.path("step").asText()).append(a.has("task_name") ? ", " + a.path("task_name").asText() : "").append("): ")
                    .append(a.path("problem").asText()).append('\n'));
            records.path("chain").forEach(b -> out.append("  run ").append(b.path("run").asText()).append(": ").append(b.path("problem").asText())
                    .append('\n'));
        }
    }

    private static void diff(StringBuilder out, JsonNode node) {
        out.append("a: ").append(node.path("a").asText()).append("\nb: ").append(node.path("b").asText()).append('\n');
        out.append("identical steps: ").append(join(node.path("identical_steps"))).append('\n');
        out.append(node.path("differences").isEmpty() ? "no differences in lineage\n" : "differences:\n");
        for (JsonNode d : node.path("differences")) {
            out.append("  ").append(d.path("step").asText()).append(": ").append(d.path("what").asText()).append('\n');
            if (d.has("a")) {
                out.append("    a: ").append(d.path("a")).append("\n    b: ").append(d.path("b")).append('\n');
            }
        }
    }

    private static void models(StringBuilder out, JsonNode node) {
        String orderBy = node.path("order_by").asText(null);
        out.append("models of study ").append(node.path("study").asText()).append(orderBy == null ? "" : ", best " + orderBy + " first")
                .append('\n');
        for (JsonNode m : node.path("models")) {
            out.append("  ").append(m.path("name").asText()).append("  sha256 ").append(m.path("sha256").asText(), 0, 12);
            if (orderBy != null) {
                out.append("  ").append(orderBy).append(" = ").append(m.has(orderBy) ? m.path(orderBy).asText() : "not recorded");
            }
            out.append("  trained ").append(m.path("trained_utc").asText()).append('\n');
        }
    }

    private static void artifact(StringBuilder out, JsonNode a, String indent) {
        // where the file is now (its published copy) rather than the name the step gave it in its work directory
        JsonNode published = a.path("published");
        String where = published.isEmpty() ? a.path("path").asText("?") : published.get(0).asText();
        out.append(indent).append(a.path("role").asText()).append(": ").append(where)
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
        String tool = step.path("tool_version").asText();
        String git = step.path("git_commit").asText("");
        out.append(indent).append("  <- ").append(step.path("step").asText()).append("  emuflow ").append(tool);
        if (!git.isEmpty() && !tool.contains(git)) {
            out.append(" (git ").append(git).append(')');
        }
        if (step.has("seed")) {
            out.append("  seed ").append(step.path("seed").asLong());
        }
        out.append("  task ").append(step.path("task_hash").asText("-"));
        if (step.has("task_name")) {
            out.append(" (").append(step.path("task_name").asText()).append(')');
        }
        out.append('\n');
        out.append(indent).append("     runs: ").append(join(step.path("runs"))).append('\n');
        out.append(indent).append("     settings: ").append(step.path("settings")).append('\n');
        for (JsonNode input : step.path("inputs")) {
            artifact(out, input, indent + "     ");
        }
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append("  ").append(name).append(": ").append(value).append('\n');
    }

    private static String join(JsonNode array) {
        StringBuilder s = new StringBuilder();
        array.forEach(v -> s.append(s.length() > 0 ? ", " : "").append(v.asText()));
        return s.length() == 0 ? "-" : s.toString();
    }
}
