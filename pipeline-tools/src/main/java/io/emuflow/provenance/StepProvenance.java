package io.emuflow.provenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emuflow.data.AtomicFiles;
import io.emuflow.data.Json;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects what one step execution read, wrote and was told, and writes it as the sidecar
 * {@code <primary output>.prov.json} (DESIGN.md section 6). Hashes are taken when the sidecar is written,
 * after the outputs are complete.
 */
public final class StepProvenance {
    public static final String FORMAT = "emuflow-prov/1";
    static final ObjectMapper JSON = Json.SORTED;
    /** Nextflow task directories end in work/ab/cdef...: that pair is the task hash. */
    private static final Pattern TASK_DIR = Pattern.compile(".*/([0-9a-f]{2})/([0-9a-f]{30})$");

    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode inputs = root.putArray("inputs");
    private final ArrayNode outputs = root.putArray("outputs");
    private final ObjectNode settings = root.putObject("settings");

    private StepProvenance(String step, String study, List<String> commandLine, String toolVersion, String gitCommit) {
        root.put("format", FORMAT);
        root.put("step", step);
        root.put("study", study);
        root.put("tool_version", toolVersion);
        root.put("git_commit", gitCommit);
        ArrayNode args = root.putArray("command_line");
        commandLine.forEach(args::add);
        // the step started when its JVM did (commands build the record after their work is done)
        root.put("started_utc", Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()).toString());
        root.put("host", hostName());
        root.put("java_version", System.getProperty("java.version"));
        String workDir = Path.of("").toAbsolutePath().toString();
        root.put("work_dir", workDir);
        Matcher m = TASK_DIR.matcher(workDir);
        if (m.matches()) {
            root.put("task_hash", m.group(1) + "/" + m.group(2));
        }
        // a Nextflow process passes its run and task through the environment (modules export these)
        ObjectNode nextflow = JSON.createObjectNode();
        putEnv(nextflow, "run_name", "EMUFLOW_RUN_NAME");
        putEnv(nextflow, "session_id", "EMUFLOW_SESSION_ID");
        putEnv(nextflow, "task_name", "EMUFLOW_TASK_NAME");
        if (!nextflow.isEmpty()) {
            root.set("nextflow", nextflow);
        }
    }

    public static StepProvenance start(String step, String study, List<String> commandLine, String toolVersion, String gitCommit) {
        return new StepProvenance(step, study, commandLine, toolVersion, gitCommit);
    }

    public StepProvenance seed(long seed) {
        root.put("seed", seed);
        return this;
    }

    public StepProvenance setting(String name, Object value) {
        settings.set(name, JSON.valueToTree(value));
        return this;
    }

    public StepProvenance settings(Map<String, ?> values) {
        values.forEach(this::setting);
        return this;
    }

    /** Extra structured facts a step wants recorded (e.g. the model it trained, the metrics it computed). */
    public StepProvenance extra(String name, Object value) {
        root.set(name, JSON.valueToTree(value));
        return this;
    }

    public StepProvenance input(String role, Path path, String kind) {
        inputs.add(artifact(role, path, kind, null));
        return this;
    }

    public StepProvenance output(String role, Path path, String kind, long[] shape) {
        outputs.add(artifact(role, path, kind, shape));
        return this;
    }

    /** Hashes nothing itself: the artifacts were hashed as they were added. Writes atomically. */
    public void write(Path sidecar) {
        root.put("ended_utc", Instant.now().toString());
        try {
            // no secret (a password or token of the environment) is ever recorded: issue 26, Secrets
            AtomicFiles.writeString(sidecar, JSON.writeValueAsString(Secrets.fromEnvironment().redact(root)) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sidecar path of a primary output: {@code <output>.prov.json}. */
    public static Path sidecarOf(Path output) {
        return output.resolveSibling(output.getFileName() + ".prov.json");
    }

    private static ObjectNode artifact(String role, Path path, String kind, long[] shape) {
        ObjectNode node = JSON.createObjectNode();
        node.put("role", role);
        node.put("path", path.toString());
        node.put("kind", kind);
        node.put("sha256", Hashing.sha256(path));
        node.put("bytes", Hashing.size(path));
        if (shape != null) {
            ArrayNode dims = node.putArray("shape");
            for (long d : shape) {
                dims.add(d);
            }
        }
        return node;
    }

    private static void putEnv(ObjectNode node, String name, String variable) {
        String value = System.getenv(variable);
        if (value != null && !value.isBlank()) {
            node.put(name, value);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /** The step named in a sidecar file. */
    public static String stepOf(Path sidecar) {
        try {
            return JSON.readTree(sidecar.toFile()).path("step").asText();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read sidecar " + sidecar + ": " + e.getMessage(), e);
        }
    }
}
