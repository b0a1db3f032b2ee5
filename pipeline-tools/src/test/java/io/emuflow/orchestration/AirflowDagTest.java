package io.emuflow.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emuflow.cli.EmuflowCommand;
import io.emuflow.study.Study;
import io.emuflow.study.StudyLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated DAG compiles with /usr/bin/python3, and its task ids and `>>` edges, read with Python's ast module,
 * equal the stage graph of the study (built here from the study's kind and inference block and the stages that
 * workflows/stages.nf declares), for every shipped study and both granularities.
 */
class AirflowDagTest {
    static final Path ROOT = StagesTest.ROOT;
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path READER = ROOT.resolve("pipeline-tools/src/test/resources/airflow/dag_tasks.py");

    @TempDir
    Path tmp;

    @Test
    void everyStudyAndGranularityCompilesAndHasTheStageGraph() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3: the DAG's Python cannot be checked here");
        List<String> studies = new PipelineDir(ROOT).studies();
        assertTrue(studies.size() >= 5, "shipped studies: " + studies);
        for (String study : studies) {
            for (String granularity : List.of("stage", "run")) {
                Path out = tmp.resolve(study + "-" + granularity + ".py");
                int rc = EmuflowCommand.execute("airflow-dag", "--study", study, "--granularity", granularity, "--profile", "test",
                        "--pipeline-dir", ROOT.toString(), "--out", out.toString());
                assertEquals(0, rc, study + " " + granularity);
                String compile = python("-m", "py_compile", out.toString());
                assertEquals("", compile.strip(), "py_compile " + out);
                JsonNode read = new ObjectMapper().readTree(python(READER.toString(), out.toString(), "graph"));
                assertEquals("emuflow_" + study.replace('-', '_'), read.get("dag_id").asText());
                Map<String, List<String>> graph = new LinkedHashMap<>();
                read.get("graph").fields().forEachRemaining(e -> {
                    List<String> ds = new ArrayList<>();
                    e.getValue().forEach(d -> ds.add(d.asText()));
                    graph.put(e.getKey(), ds);
                });
                assertEquals(expected(study, granularity), graph, study + " " + granularity);
                String text = Files.readString(out);
                assertTrue(text.contains("schedule=None") && text.contains("catchup=False") && !text.contains("schedule_interval"), study);
                for (String id : graph.keySet()) {
                    assertTrue(id.matches("[A-Za-z0-9_.-]{1,250}"), "task id Airflow rejects: " + id);
                }
            }
        }
    }

    /** Independent of Stages.graph: the declared stage list, minus infer where the study has no inference, chained. */
    static Map<String, List<String>> expected(String study, String granularity) throws Exception {
        Map<String, List<String>> g = new LinkedHashMap<>();
        if (granularity.equals("run")) {
            g.put("pipeline", List.of());
            return g;
        }
        Study s = StudyLoader.load(ROOT.resolve("conf/studies/" + study + ".yaml"), false, Map.of());
        List<String> tasks = new ArrayList<>(List.of("sample", "simulate", "merge", "clean", "split", "train", "evaluate"));
        if (s.kind().equals("emulator") && s.inference() != null) {
            tasks.add("infer");
        }
        tasks.add("audit_verify");
        for (int i = 0; i < tasks.size(); i++) {
            g.put(tasks.get(i), i + 1 < tasks.size() ? List.of(tasks.get(i + 1)) : List.of());
        }
        return g;
    }

    @Test
    void badInputIsOneLineAndNonZero() throws Exception {
        Path out = tmp.resolve("dag.py");
        assertError("unknown study 'nope'", "--study", "nope", "--out", out.toString());
        assertError("unknown profile 'bogus'", "--study", "pk-emulator", "--profile", "test,bogus", "--out", out.toString());
        assertError("unknown granularity 'task'", "--study", "pk-emulator", "--granularity", "task", "--out", out.toString());
        Files.writeString(out, "keep");
        assertError("exists (use --force", "--study", "pk-emulator", "--out", out.toString());
        assertEquals("keep", Files.readString(out));
        assertEquals(0, EmuflowCommand.execute("airflow-dag", "--study", "pk-emulator", "--pipeline-dir", ROOT.toString(), "--force",
                "--out", out.toString()));
        assertTrue(Files.readString(out).contains("emuflow_pk_emulator"));
    }

    private void assertError(String expected, String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        int rc;
        try {
            List<String> all = new ArrayList<>(List.of("airflow-dag", "--pipeline-dir", ROOT.toString()));
            all.addAll(List.of(args));
            rc = EmuflowCommand.execute(all.toArray(String[]::new));
        } finally {
            System.setErr(err);
        }
        String text = buf.toString().strip();
        assertEquals(2, rc, text);
        assertTrue(text.contains(expected) && !text.contains("\n"), "want one line with '" + expected + "', got: " + text);
    }

    static String python(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
