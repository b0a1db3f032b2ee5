package io.emuflow.orchestration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's stages, in order: what `--stop_after STAGE` accepts (workflows/stages.nf declares the same list,
 * schema/nextflow_schema.json's stop_after enum too; StagesTest compares all three) and the stage graph a
 * scheduler runs (docs/orchestration.md).
 */
public final class Stages {
    /** Every stage, in pipeline order. */
    public static final List<String> ALL = List.of("sample", "simulate", "merge", "clean", "split", "train", "evaluate", "infer");

    private Stages() {}

    /**
     * The stages a study runs: studies of kind 'inverse' have no infer stage; an emulator study infers only
     * with an `inference:` block (workflows/emulator.nf).
     */
    public static List<String> of(String kind, boolean hasInference) {
        List<String> stages = new ArrayList<>(ALL);
        if (!"emulator".equals(kind) || !hasInference) {
            stages.remove("infer");
        }
        return List.copyOf(stages);
    }

    /** Throws with the valid stages when {@code stage} is not one. */
    public static String require(String stage) {
        if (!ALL.contains(stage)) {
            throw new IllegalArgumentException("unknown stage '" + stage + "'; stages: " + String.join(", ", ALL));
        }
        return stage;
    }

    /**
     * The task graph (task id -> downstream task ids, the shape of Airflow's DAG structure test) for a
     * granularity: 'stage' chains one task per stage and ends with {@link AirflowDag#VERIFY_TASK};
     * 'run' is the single task {@link AirflowDag#RUN_TASK}.
     */
    public static Map<String, List<String>> graph(List<String> stages, String granularity) {
        Map<String, List<String>> graph = new LinkedHashMap<>();
        if ("run".equals(granularity)) {
            graph.put(AirflowDag.RUN_TASK, List.of());
            return graph;
        }
        List<String> tasks = new ArrayList<>(stages);
        tasks.add(AirflowDag.VERIFY_TASK);
        for (int i = 0; i < tasks.size(); i++) {
            graph.put(tasks.get(i), i + 1 < tasks.size() ? List.of(tasks.get(i + 1)) : List.of());
        }
        return graph;
    }
}
