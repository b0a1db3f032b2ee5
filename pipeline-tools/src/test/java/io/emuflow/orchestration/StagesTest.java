package io.emuflow.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Java's stage list equals what the pipeline declares: workflows/stages.nf, the schema's enum, the gates in the workflows. */
class StagesTest {
    static final Path ROOT = Path.of(System.getProperty("emuflow.root", "..")).toAbsolutePath().normalize();

    @Test
    void javaStagesEqualTheStagesNfListAndTheSchemaEnum() throws Exception {
        String nf = Files.readString(ROOT.resolve("workflows/stages.nf"));
        Matcher m = Pattern.compile("def stages\\(\\)\\s*\\{\\s*\\[([^\\]]*)\\]").matcher(nf);
        assertTrue(m.find(), "workflows/stages.nf declares no stages() list");
        List<String> declared = new ArrayList<>();
        Matcher q = Pattern.compile("'([a-z]+)'").matcher(m.group(1));
        while (q.find()) {
            declared.add(q.group(1));
        }
        assertEquals(Stages.ALL, declared, "workflows/stages.nf");

        JsonNode schema = new ObjectMapper().readTree(ROOT.resolve("schema/nextflow_schema.json").toFile());
        List<String> enumValues = new ArrayList<>();
        schema.at("/$defs/study_options/properties/stop_after/enum").forEach(v -> enumValues.add(v.asText()));
        assertEquals(Stages.ALL, enumValues, "schema/nextflow_schema.json stop_after enum");
    }

    @Test
    void everyStageOfAKindIsGatedInItsWorkflowsAndNoOtherIs() throws Exception {
        Set<String> emulator = gates("workflows/dataset.nf", "workflows/emulator.nf");
        Set<String> inverse = gates("workflows/dataset.nf", "workflows/inverse.nf");
        assertEquals(Set.copyOf(Stages.of("emulator", true)), emulator);
        assertEquals(Set.copyOf(Stages.of("inverse", true)), inverse);
        assertEquals(List.of("sample", "simulate", "merge", "clean", "split", "train", "evaluate"), Stages.of("emulator", false));
    }

    @Test
    void stageGraphIsAChainEndingInTheAuditOrOneTask() {
        var graph = Stages.graph(Stages.of("inverse", false), "stage");
        assertEquals(List.of("sample", "simulate", "merge", "clean", "split", "train", "evaluate", "audit_verify"), List.copyOf(graph.keySet()));
        assertEquals(List.of("simulate"), graph.get("sample"));
        assertEquals(List.of(), graph.get("audit_verify"));
        assertEquals(List.of("pipeline"), List.copyOf(Stages.graph(Stages.ALL, "run").keySet()));
    }

    /** Stages named in upTo('...') calls, the gates workflows/stages.nf provides. */
    static Set<String> gates(String... files) throws Exception {
        Set<String> out = new LinkedHashSet<>();
        for (String f : files) {
            Matcher m = Pattern.compile("upTo\\('([a-z]+)'\\)").matcher(Files.readString(ROOT.resolve(f)));
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }
}
