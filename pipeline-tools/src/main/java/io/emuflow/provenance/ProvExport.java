package io.emuflow.provenance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Standard provenance documents of a set of step executions (a run, or a model's lineage):
 * <ul>
 *   <li>W3C PROV-JSON (https://www.w3.org/submissions/prov-json/): artifacts are entities (id = their sha256),
 *       executions are activities, emuflow versions and Nextflow runs are agents;</li>
 *   <li>a Process Run Crate (RO-Crate 1.1, https://w3id.org/ro/wfrun/process/0.5): executions are CreateActions
 *       with their inputs as object and outputs as result, files carry sha256 and contentSize.</li>
 * </ul>
 */
public final class ProvExport {
    private static final String NS = "https://emuflow.io/ns#";

    private ProvExport() {}

    public static ObjectNode provJson(Auditor auditor, List<Long> executions, String title) {
        ObjectNode doc = StepProvenance.JSON.createObjectNode();
        ObjectNode prefix = doc.putObject("prefix");
        prefix.put("emuflow", NS);
        prefix.put("sha256", "urn:sha256:");
        prefix.put("run", "https://emuflow.io/run/");
        ObjectNode entity = doc.putObject("entity");
        ObjectNode activity = doc.putObject("activity");
        ObjectNode agent = doc.putObject("agent");
        ObjectNode used = doc.putObject("used");
        ObjectNode generated = doc.putObject("wasGeneratedBy");
        ObjectNode associated = doc.putObject("wasAssociatedWith");
        doc.put("emuflow:title", title);
        int edge = 0;
        for (long id : executions) {
            Map<String, Object> e = auditor.execution(id);
            String act = "emuflow:execution-" + id;
            ObjectNode a = activity.putObject(act);
            a.put("prov:label", (String) e.get("STEP"));
            putTime(a, "prov:startTime", e.get("STARTED_UTC"));
            putTime(a, "prov:endTime", e.get("ENDED_UTC"));
            a.put("emuflow:study", (String) e.get("STUDY"));
            a.put("emuflow:settings", (String) e.get("SETTINGS"));
            a.put("emuflow:command_line", (String) e.get("COMMAND_LINE"));
            if (e.get("SEED") != null) {
                a.put("emuflow:seed", ((Number) e.get("SEED")).longValue());
            }
            putIfPresent(a, "emuflow:task_hash", e.get("TASK_HASH"));
            putIfPresent(a, "emuflow:host", e.get("HOST"));
            String git = (String) e.get("GIT_COMMIT");
            String version = String.valueOf(e.get("TOOL_VERSION"));
            String software = "emuflow:software-" + (git == null || version.contains(git) ? version : version + "-" + git)
                    .replaceAll("[^A-Za-z0-9.-]+", "_");
            ObjectNode sw = agent.putObject(software);
            sw.put("prov:type", "prov:SoftwareAgent");
            sw.put("prov:label", "emuflow " + e.get("TOOL_VERSION"));
            putIfPresent(sw, "emuflow:git_commit", e.get("GIT_COMMIT"));
            ObjectNode assoc = associated.putObject("_:assoc" + (++edge));
            assoc.put("prov:activity", act);
            assoc.put("prov:agent", software);
            for (Map<String, Object> r : auditor.runsOf(id)) {
                String run = "run:" + r.get("RUN_NAME");
                ObjectNode runAgent = agent.putObject(run);
                runAgent.put("prov:type", "emuflow:NextflowRun");
                putIfPresent(runAgent, "emuflow:session_id", r.get("SESSION_ID"));
                putIfPresent(runAgent, "emuflow:nextflow_version", r.get("NEXTFLOW_VERSION"));
                putIfPresent(runAgent, "emuflow:pipeline_commit", r.get("PIPELINE_COMMIT"));
                ObjectNode byRun = associated.putObject("_:assoc" + (++edge));
                byRun.put("prov:activity", act);
                byRun.put("prov:agent", run);
            }
            for (Map<String, Object> in : auditor.artifactsOf(id, "input")) {
                putEntity(entity, in);
                ObjectNode u = used.putObject("_:used" + (++edge));
                u.put("prov:activity", act);
                u.put("prov:entity", "sha256:" + in.get("SHA256"));
                u.put("prov:role", (String) in.get("ROLE"));
            }
            for (Map<String, Object> out : auditor.artifactsOf(id, "output")) {
                putEntity(entity, out);
                ObjectNode g = generated.putObject("_:gen" + (++edge));
                g.put("prov:entity", "sha256:" + out.get("SHA256"));
                g.put("prov:activity", act);
                g.put("prov:role", (String) out.get("ROLE"));
            }
        }
        return doc;
    }

    public static ObjectNode roCrate(Auditor auditor, List<Long> executions, String title) {
        ObjectNode doc = StepProvenance.JSON.createObjectNode();
        doc.put("@context", "https://w3id.org/ro/crate/1.1/context");
        ArrayNode graph = doc.putArray("@graph");
        ObjectNode descriptor = graph.addObject();
        descriptor.put("@id", "ro-crate-metadata.json");
        descriptor.put("@type", "CreativeWork");
        descriptor.putObject("conformsTo").put("@id", "https://w3id.org/ro/crate/1.1");
        descriptor.putObject("about").put("@id", "./");
        ObjectNode root = graph.addObject();
        root.put("@id", "./");
        root.put("@type", "Dataset");
        root.put("name", title);
        root.put("datePublished", OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString());
        root.putArray("conformsTo").addObject().put("@id", "https://w3id.org/ro/wfrun/process/0.5");
        // the profile is itself described (Process Run Crate 0.5, "Requirements")
        ObjectNode profile = graph.addObject();
        profile.put("@id", "https://w3id.org/ro/wfrun/process/0.5");
        profile.put("@type", "CreativeWork");
        profile.put("name", "Process Run Crate");
        profile.put("version", "0.5");
        ArrayNode hasPart = root.putArray("hasPart");
        ArrayNode mentions = root.putArray("mentions");
        Map<String, ObjectNode> files = new LinkedHashMap<>();
        Map<String, ObjectNode> tools = new LinkedHashMap<>();
        for (long id : executions) {
            Map<String, Object> e = auditor.execution(id);
            // one SoftwareApplication per build: the same version number from two commits is two tools
            String version = String.valueOf(e.get("TOOL_VERSION"));
            String git = (String) e.get("GIT_COMMIT");
            String fullVersion = git == null || version.contains(git) ? version : version + " (git " + git + ")";
            String toolId = "#emuflow-" + fullVersion.replaceAll("[^A-Za-z0-9.-]+", "_");
            tools.computeIfAbsent(toolId, k -> {
                ObjectNode tool = StepProvenance.JSON.createObjectNode();
                tool.put("@id", k);
                tool.put("@type", "SoftwareApplication");
                tool.put("name", "emuflow");
                tool.put("softwareVersion", fullVersion);
                tool.put("url", "https://emuflow.io");
                return tool;
            });
            ObjectNode action = StepProvenance.JSON.createObjectNode();
            action.put("@id", "#execution-" + id);
            action.put("@type", "CreateAction");
            action.put("name", e.get("STEP") + " (" + e.get("STUDY") + ")");
            action.putObject("instrument").put("@id", toolId);
            putTime(action, "startTime", e.get("STARTED_UTC"));
            putTime(action, "endTime", e.get("ENDED_UTC"));
            action.put("description", (String) e.get("COMMAND_LINE"));
            ArrayNode object = action.putArray("object");
            for (Map<String, Object> in : auditor.artifactsOf(id, "input")) {
                object.addObject().put("@id", fileEntity(files, in));
            }
            ArrayNode result = action.putArray("result");
            for (Map<String, Object> out : auditor.artifactsOf(id, "output")) {
                result.addObject().put("@id", fileEntity(files, out));
            }
            graph.add(action);
            mentions.addObject().put("@id", "#execution-" + id);
        }
        for (ObjectNode file : files.values()) {
            graph.add(file);
            hasPart.addObject().put("@id", file.get("@id").asText());
        }
        tools.values().forEach(graph::add);
        return doc;
    }

    private static String fileEntity(Map<String, ObjectNode> files, Map<String, Object> a) {
        String sha = (String) a.get("SHA256");
        Object location = a.get("LOCATION");
        String id = location != null ? "file://" + location : "#sha256-" + sha;
        files.computeIfAbsent(sha, k -> {
            ObjectNode f = StepProvenance.JSON.createObjectNode();
            f.put("@id", id);
            f.put("@type", "model".equals(a.get("KIND")) ? "Dataset" : "File");
            f.put("name", java.nio.file.Path.of((String) a.get("PATH")).getFileName().toString());
            f.put("sha256", sha);
            f.put("contentSize", String.valueOf(a.get("BYTES")));
            f.put("additionalType", (String) a.get("KIND"));
            return f;
        });
        return files.get(sha).get("@id").asText();
    }

    private static void putEntity(ObjectNode entities, Map<String, Object> a) {
        String id = "sha256:" + a.get("SHA256");
        if (entities.has(id)) {
            return;
        }
        ObjectNode e = entities.putObject(id);
        e.put("prov:type", "emuflow:" + a.get("KIND"));
        e.put("prov:label", (String) a.get("PATH"));
        e.put("emuflow:sha256", (String) a.get("SHA256"));
        e.put("emuflow:bytes", ((Number) a.get("BYTES")).longValue());
        putIfPresent(e, "emuflow:shape", a.get("SHAPE"));
        putIfPresent(e, "prov:location", a.get("LOCATION"));
    }

    private static void putTime(ObjectNode node, String name, Object time) {
        if (time instanceof OffsetDateTime t) {
            node.put(name, t.withOffsetSameInstant(ZoneOffset.UTC).toString());
        } else if (time != null) {
            node.put(name, time.toString());
        }
    }

    private static void putIfPresent(ObjectNode node, String name, Object value) {
        if (value != null) {
            node.put(name, value.toString());
        }
    }

}
