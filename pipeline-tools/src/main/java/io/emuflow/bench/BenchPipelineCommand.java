package io.emuflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Per-task overhead of a finished run: for every task, Nextflow's duration (submission to completion, from the
 * trace) minus the tool's own run time (from its provenance sidecar: start to end of the step's work). The
 * difference is what scheduling, container start, staging and JVM start cost.
 */
@Command(name = "bench-pipeline", mixinStandardHelpOptions = true,
        description = "Per-task overhead of a finished run (trace duration minus the tool's own run time), per process.")
public final class BenchPipelineCommand implements Callable<Integer> {
    @Option(names = "--outdir", required = true, description = "the run's --outdir (pipeline_info/execution_trace.txt and the sidecars)")
    Path outdir;

    record TaskTime(String process, double durationSeconds, double realtimeSeconds, double toolSeconds) {}

    @Override
    public Integer call() throws IOException {
        Map<String, Double> toolSeconds = toolSecondsByTaskHash(outdir);
        List<TaskTime> tasks = new ArrayList<>();
        Path trace = outdir.resolve("pipeline_info/execution_trace.txt");
        if (!Files.isRegularFile(trace)) {
            throw new IllegalArgumentException("no trace at " + trace + ": give the --outdir of a finished run");
        }
        List<String> lines = Files.readAllLines(trace);
        List<String> header = List.of(lines.get(0).split("\t"));
        for (String column : List.of("hash", "process", "status", "duration", "realtime")) {
            if (!header.contains(column)) {
                throw new IllegalArgumentException(trace + " lacks the column '" + column + "' (run with this pipeline's nextflow.config, trace.raw = true)");
            }
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t", -1);
            String status = cols[header.indexOf("status")];
            String hash = cols[header.indexOf("hash")];
            Double tool = toolSeconds.entrySet().stream().filter(e -> e.getKey().startsWith(hash)).map(Map.Entry::getValue).findFirst().orElse(null);
            if (!status.equals("COMPLETED") || tool == null) {
                continue;
            }
            String process = cols[header.indexOf("process")];
            tasks.add(new TaskTime(process.substring(process.lastIndexOf(':') + 1),
                    Double.parseDouble(cols[header.indexOf("duration")]) / 1000, Double.parseDouble(cols[header.indexOf("realtime")]) / 1000, tool));
        }
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no completed task of " + trace + " has a sidecar under " + outdir);
        }
        Map<String, List<TaskTime>> byProcess = new TreeMap<>();
        tasks.forEach(t -> byProcess.computeIfAbsent(t.process(), p -> new ArrayList<>()).add(t));
        System.out.printf("%-10s %5s %12s %12s %12s %12s%n", "process", "tasks", "duration_s", "realtime_s", "tool_s", "overhead_s");
        for (Map.Entry<String, List<TaskTime>> e : byProcess.entrySet()) {
            print(e.getKey(), e.getValue());
        }
        print("ALL", tasks);
        return 0;
    }

    private static void print(String name, List<TaskTime> tasks) {
        double duration = tasks.stream().mapToDouble(TaskTime::durationSeconds).average().orElse(Double.NaN);
        double realtime = tasks.stream().mapToDouble(TaskTime::realtimeSeconds).average().orElse(Double.NaN);
        double tool = tasks.stream().mapToDouble(TaskTime::toolSeconds).average().orElse(Double.NaN);
        System.out.printf("%-10s %5d %12.2f %12.2f %12.2f %12.2f%n", name, tasks.size(), duration, realtime, tool, duration - tool);
    }

    /** Task hash (ab/cdef...) -> seconds between the sidecar's started_utc and ended_utc. */
    private static Map<String, Double> toolSecondsByTaskHash(Path outdir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Double> out = new HashMap<>();
        try (Stream<Path> files = Files.walk(outdir)) {
            for (Path sidecar : files.filter(p -> p.getFileName().toString().endsWith(".prov.json")).toList()) {
                JsonNode node = json.readTree(sidecar.toFile());
                if (node.hasNonNull("task_hash") && node.hasNonNull("started_utc") && node.hasNonNull("ended_utc")) {
                    Duration d = Duration.between(Instant.parse(node.get("started_utc").asText()), Instant.parse(node.get("ended_utc").asText()));
                    out.put(node.get("task_hash").asText(), d.toNanos() / 1e9);
                }
            }
        }
        return out;
    }
}
