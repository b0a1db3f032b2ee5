package io.emuflow.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `record` in separate JVMs: two writers at once, a held database, and a SIGKILL in the middle of ingesting. */
class RecordProcessTest {
    private static final int INPUTS_PER_SIDECAR = 150;

    @TempDir
    Path dir;

    private final List<Path> inputs = new ArrayList<>();

    @BeforeEach
    void inputFiles() {
        for (int i = 0; i < INPUTS_PER_SIDECAR; i++) {
            inputs.add(Chain.write(dir.resolve("in/chunk_" + i + ".h5"), "chunk " + i));
        }
    }

    /** A merge sidecar with many inputs, so that ingesting it takes a while and a kill lands inside its transaction. */
    private List<Path> sidecars(String prefix, int count) {
        List<Path> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            Path merged = Chain.write(dir.resolve("out/" + prefix + "_" + s + ".h5"), prefix + " merged " + s);
            StepProvenance p = StepProvenance.start("merge", Chain.STUDY, List.of("emuflow", "merge"), Chain.TOOL, Chain.GIT);
            inputs.forEach(in -> p.input("chunk", in, "dataset"));
            p.output("dataset", merged, "dataset", new long[] {INPUTS_PER_SIDECAR, 10}).write(StepProvenance.sidecarOf(merged));
            out.add(StepProvenance.sidecarOf(merged));
        }
        return out;
    }

    private static ProcessBuilder java(String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Xmx256m");
        command.add(mainClass);
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    private static List<String> recordArgs(Path db, String run, int waitSeconds, List<Path> sidecars) {
        List<String> args = new ArrayList<>(List.of("record", "--db", db.toString(), "--run-name", run, "--wait-seconds", String.valueOf(waitSeconds)));
        sidecars.forEach(s -> args.add(s.toString()));
        return args;
    }

    @Test
    void twoRecordProcessesAtOnceSerialiseAndLoseNothing() throws Exception {
        Path db = dir.resolve("prov/emuflow");
        List<Path> a = sidecars("a", 8);
        List<Path> b = sidecars("b", 8);
        List<Path> both = new ArrayList<>(b);
        both.addAll(a.subList(0, 4));   // overlapping: the same sidecar from both writers is recorded once
        Process first = java("io.emuflow.cli.EmuflowCommand", recordArgs(db, "run_a", 120, a)).redirectErrorStream(true).start();
        Process second = java("io.emuflow.cli.EmuflowCommand", recordArgs(db, "run_b", 120, both)).redirectErrorStream(true).start();
        String outFirst = new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String outSecond = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(first.waitFor(180, TimeUnit.SECONDS) && second.waitFor(180, TimeUnit.SECONDS));
        assertEquals(0, first.exitValue(), outFirst);
        assertEquals(0, second.exitValue(), outSecond);
        assertTrue((outFirst + outSecond).contains("locked by another process; waiting"),
                "the writers did not overlap, so this test proved nothing:\n" + outFirst + outSecond);
        assertEquals(16, Db.count(db, "SELECT COUNT(*) FROM step_execution"));
        assertEquals(16L * INPUTS_PER_SIDECAR, Db.count(db, "SELECT COUNT(*) FROM step_input"));
        assertEquals(8 + 12, Db.count(db, "SELECT COUNT(*) FROM run_step"));
    }

    @Test
    void aWriterThatCannotWaitFailsWithOneClearLineAndRecordsLater() throws Exception {
        Path db = dir.resolve("prov/emuflow");
        List<Path> sidecars = sidecars("c", 2);
        Process blocked;
        try (ProvenanceStore holder = ProvenanceStore.open(db, true)) {
            blocked = java("io.emuflow.cli.EmuflowCommand", recordArgs(db, "run_c", 1, sidecars)).start();
            String stderr = new String(blocked.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(blocked.waitFor(60, TimeUnit.SECONDS));
            assertNotEquals(0, blocked.exitValue());
            String last = stderr.strip().lines().reduce((x, y) -> y).orElse("");
            assertTrue(last.startsWith("record: error: provenance database ") && last.contains("is locked by another process")
                    && last.contains("gave up after 1 s"), stderr);
        }
        assertEquals(0, Db.count(db, "SELECT COUNT(*) FROM step_execution"));
        Process later = java("io.emuflow.cli.EmuflowCommand", recordArgs(db, "run_c", 1, sidecars)).redirectErrorStream(true).start();
        String out = new String(later.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(later.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, later.exitValue(), out);
        assertEquals(2, Db.count(db, "SELECT COUNT(*) FROM step_execution"));
    }

    @Test
    void sigkillDuringRecordKeepsCommittedSidecarsAndNoHalfOfAnother() throws Exception {
        Path db = dir.resolve("prov/emuflow");
        List<Path> sidecars = sidecars("k", 12);
        List<String> args = new ArrayList<>(List.of(db.toString(), "killed_run"));
        sidecars.forEach(s -> args.add(s.toString()));
        Process child = java(RecordChild.class.getName(), args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<String> committed = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && committed.size() < 3; line = out.readLine()) {
                committed.add(line.substring("committed ".length()));
            }
            // SIGKILL (destroyForcibly on Unix): no shutdown hook, no H2 close, in the middle of the next sidecar
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(3, committed.size(), "the child died before committing three sidecars");
        assertEquals(137, child.exitValue(), "the child was not killed by SIGKILL");

        // H2 recovers on open: every committed sidecar is there, whole; nothing else is there in part
        List<String> recorded;
        try (ProvenanceStore store = ProvenanceStore.open(db, true)) {
            recorded = Db.rows(store.connection(), "SELECT o.path FROM step_output o");
            for (String perExecution : Db.rows(store.connection(), "SELECT COUNT(*) FROM step_input GROUP BY execution_id")) {
                assertEquals(String.valueOf(INPUTS_PER_SIDECAR), perExecution, "a half-ingested sidecar survived the kill");
            }
            assertEquals(Db.rows(store.connection(), "SELECT COUNT(*) FROM step_execution"), List.of(String.valueOf(recorded.size())));
        }
        for (String sidecar : committed) {
            String output = sidecar.substring(0, sidecar.length() - ".prov.json".length());
            assertTrue(recorded.contains(output), output + " was reported committed but is not in the database");
        }
        assertTrue(recorded.size() < 12, "the kill came too late to test anything");

        // recording again completes the run, without duplicates
        Process again = java(RecordChild.class.getName(), args).redirectErrorStream(true).start();
        String out = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(again.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, again.exitValue(), out);
        assertEquals(12, Db.count(db, "SELECT COUNT(*) FROM step_execution"));
        assertEquals(12L * INPUTS_PER_SIDECAR, Db.count(db, "SELECT COUNT(*) FROM step_input"));
        assertTrue(Files.exists(dir.resolve("prov/emuflow.mv.db")));
    }

}
