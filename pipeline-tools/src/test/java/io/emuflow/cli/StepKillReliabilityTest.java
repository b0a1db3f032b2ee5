package io.emuflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emuflow.data.DatasetFile;
import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.data.Target;
import io.emuflow.provenance.Hashing;
import io.emuflow.testing.ToySpectra;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps that die or run out of disk while writing: a full disk (a 1 MB tmpfs, or a 1 MB file-size limit where
 * mounting is not allowed) and SIGKILL to a step's JVM in the middle of writing its output. Neither may leave a
 * file under an output's name that is not complete, a sidecar that does not describe the files beside it, or a
 * changed previous output.
 */
class StepKillReliabilityTest {
    static final List<Parameter> PARAMETERS = List.of(new Parameter("A", "", 1, 5), new Parameter("n_s", "", 0.8, 1.2));

    @TempDir
    Path dir;

    /** n samples of A k^n_s on a grid of nk points: 8 n nk bytes of target. */
    static SpectrumDataset spectra(int n, int nk, long firstId) {
        SplittableRandom random = new SplittableRandom(firstId + 3);
        double[] k = new double[nk];
        for (int j = 0; j < nk; j++) {
            k[j] = 1e-3 * Math.pow(10, 4.0 * j / (nk - 1));
        }
        long[] index = new long[n];
        double[][] params = new double[n][];
        double[][] values = new double[n][nk];
        for (int i = 0; i < n; i++) {
            index[i] = firstId + i;
            params[i] = new double[] {1 + 4 * random.nextDouble(), 0.8 + 0.4 * random.nextDouble()};
            for (int j = 0; j < nk; j++) {
                values[i][j] = params[i][0] * Math.pow(k[j], params[i][1]);
            }
        }
        return new SpectrumDataset("toy", "simulate", index, PARAMETERS, params, k, "1/Mpc",
                Map.of("P", new Target("P", "Mpc^3", false, values)), Map.of());
    }

    private Path study() throws IOException {
        Path file = ToySpectra.writeStudy(dir, 40, """
                  - {name: mlp, hidden_layers: [8], activation: relu, learning_rate: 1.0e-2, batch_size: 8, max_epochs: 2, patience: 2}
                """);
        return file;
    }

    /** The emuflow CLI in its own JVM; its output goes to {@code log} (a pipe nobody reads could stall it). */
    static Process emuflowJvm(List<String> prefix, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "-Xmx512m", "io.emuflow.cli.EmuflowCommand"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    // ---- full disk ----

    /** A 1 MB file system where mounting is allowed (root), else null. */
    private Path tinyTmpfs(Path at) throws Exception {
        Files.createDirectories(at);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", at.toString()).redirectErrorStream(true).start();
        return mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0 ? at : null;
    }

    private static void unmount(Path at) throws Exception {
        new ProcessBuilder("umount", at.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void aFullDiskLeavesThePreviousOutputsAndNoPartialFile() throws Exception {
        Path study = study();
        Path small = dir.resolve("small.h5");
        Path big = dir.resolve("big.h5");
        DatasetFile.write(spectra(40, 50, 0), small, "test");
        DatasetFile.write(spectra(1500, 200, 0), big, "test");   // 2.4 MB of target: its splits do not fit in 1 MB
        Path full = tinyTmpfs(dir.resolve("full"));
        // where mounting is not allowed: a child JVM whose files may not grow past 1 MB (EFBIG instead of ENOSPC)
        List<String> prefix = full != null ? List.of() : List.of("prlimit", "--fsize=1048576");
        Path out = full != null ? full : dir.resolve("full");
        try {
            assertEquals(0, run(prefix, "split", "--study", study.toString(), "--in", small.toString(), "--seed", "1", "--out-dir", out.toString()).exit);
            assertEquals(0, run(prefix, "merge", "--out", out.resolve("dataset.h5").toString(), small.toString()).exit);
            Map<String, String> before = StepBadInputTest.snapshot(out);

            Outcome split = run(prefix, "split", "--study", study.toString(), "--in", big.toString(), "--seed", "1", "--out-dir", out.toString());
            assertEquals(3, split.exit, split.output);
            String reason = full != null ? "No space left on device" : "File too large";
            assertTrue(split.lastLine().startsWith("split: error: cannot write " + out.resolve("")) && split.lastLine().endsWith(reason),
                    split.output);
            assertEquals(before, StepBadInputTest.snapshot(out), "a split that ran out of disk changed the previous splits");

            Outcome merge = run(prefix, "merge", "--out", out.resolve("dataset.h5").toString(), big.toString());
            assertEquals(3, merge.exit, merge.output);
            assertEquals("merge: error: cannot write " + out.resolve("dataset.h5") + ": " + reason, merge.lastLine());
            assertEquals(before, StepBadInputTest.snapshot(out), "a merge that ran out of disk changed the previous dataset");
        } finally {
            if (full != null) {
                unmount(full);
            }
        }
    }

    record Outcome(int exit, String output) {
        String lastLine() {
            List<String> lines = output.strip().lines().toList();
            return lines.get(lines.size() - 1);
        }
    }

    private Outcome run(List<String> prefix, String... args) throws Exception {
        Path log = Files.createTempFile(dir, "child", ".log");
        Process p = emuflowJvm(prefix, log, args);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Outcome(p.exitValue(), Files.readString(log));
    }

    // ---- SIGKILL ----

    @Test
    void aStepKilledWhileWritingLeavesNothingThatLooksComplete() throws Exception {
        Path chunk0 = dir.resolve("chunk_0.h5");
        Path chunk1 = dir.resolve("chunk_1.h5");
        DatasetFile.write(spectra(6000, 500, 0), chunk0, "test");      // 24 MB each: the merged file takes a while to write
        DatasetFile.write(spectra(6000, 500, 6000), chunk1, "test");
        Path out = dir.resolve("out");
        Path dataset = out.resolve("dataset.h5");
        // a previous, complete output with its sidecar: a killed re-run must leave both as they were
        Files.createDirectories(out);
        Path previous = dir.resolve("previous.h5");
        DatasetFile.write(spectra(10, 500, 0), previous, "test");
        assertEquals(0, run(List.of(), "merge", "--out", dataset.toString(), previous.toString()).exit);
        Map<String, String> before = StepBadInputTest.snapshot(out);

        Process merge = emuflowJvm(List.of(), dir.resolve("merge.log"), "merge", "--out", dataset.toString(), chunk0.toString(), chunk1.toString());
        Path temporary = out.resolve(".dataset.h5.tmp-" + merge.pid());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        // jhdf opens the file, builds the datasets and writes them out on close: kill once the temporary exists
        while (!Files.exists(temporary) && merge.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertTrue(merge.isAlive(), "merge ended before it could be killed while writing: " + Files.readString(dir.resolve("merge.log")));
        merge.destroyForcibly();   // SIGKILL
        assertTrue(merge.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, merge.exitValue(), "killed by SIGKILL");

        // the previous output and its sidecar are as they were; the half-written file is only a hidden temporary
        Map<String, String> after = StepBadInputTest.snapshot(out);
        after.remove(temporary.getFileName().toString());
        assertEquals(before, after);
        assertSidecarsDescribeTheirFiles(out);
        // a hidden temporary is never an input: nothing in the pipeline names it, and it is refused if named
        if (Files.exists(temporary)) {
            IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> DatasetFile.read(temporary));
            assertFalse(refused.getMessage().isBlank());
        }
    }

    @Test
    void killsAtRandomMomentsNeverLeaveASidecarThatDisagreesWithItsFiles() throws Exception {
        Path study = study();
        Path data = dir.resolve("clean.h5");
        DatasetFile.write(spectra(4000, 300, 0), data, "test");
        Path out = dir.resolve("split");
        SplittableRandom random = new SplittableRandom(11);
        for (int attempt = 0; attempt < 3; attempt++) {
            Process split = emuflowJvm(List.of(), dir.resolve("split.log"), "split", "--study", study.toString(), "--in", data.toString(), "--seed",
                    String.valueOf(attempt), "--out-dir", out.toString());
            Thread.sleep(500 + random.nextInt(3000));
            split.destroyForcibly();
            assertTrue(split.waitFor(30, TimeUnit.SECONDS));
            if (Files.isDirectory(out)) {
                assertSidecarsDescribeTheirFiles(out);
                try (Stream<Path> files = Files.list(out)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".h5") && !p.getFileName().toString().startsWith(".")).toList()) {
                        DatasetFile.read(f);   // every file under a final name is complete
                    }
                }
            }
        }
    }

    /** Every sidecar in the folder lists outputs whose files are there with the recorded sha256: record cannot be misled. */
    static void assertSidecarsDescribeTheirFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path sidecar : files.filter(p -> p.toString().endsWith(".prov.json")).toList()) {
                JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sidecar.toFile());
                for (JsonNode output : doc.path("outputs")) {
                    Path file = folder.resolve(Path.of(output.path("path").asText()).getFileName());
                    assertTrue(Files.exists(file), sidecar + " lists " + file + ", which is not there");
                    assertEquals(output.path("sha256").asText(), Hashing.sha256(file), sidecar + " does not describe " + file);
                }
            }
        }
    }
}
