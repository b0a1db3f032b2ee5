package io.emuflow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The pipeline on a real (single-node) Slurm cluster and in real Podman containers, started from Debian's
 * packages by tests/infra (the CI installs them; elsewhere these tests are skipped with the reason). Also:
 * every other scheduler and container profile at least parses (-preview).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulerIT {
    static final Path ROOT = PipelineIT.ROOT;
    static final Path BASE = ROOT.resolve("pipeline-tools/target/e2e-schedulers");
    /** Faster polling than conf/executors/slurm.config's site-friendly defaults: a test has one idle node. */
    static final String FAST_SLURM = "executor { pollInterval = '2 sec'; queueStatInterval = '4 sec'; exitReadTimeout = '20 sec' }\n";

    @Test
    @Order(1)
    void slurmRunsEveryTaskAsAJobRetriesAKilledJobAndResumes() throws Exception {
        Assumptions.assumeTrue(onPath("slurmctld") && onPath("munged"), "Slurm is not installed (.ci/run installs slurm-wlm and munge)");
        Path dir = fresh("slurm");
        Path cluster = dir.resolve("cluster");
        PipelineIT.Proc start = PipelineIT.Proc.run(dir, 120, ROOT.resolve("tests/infra/slurm-cluster").toString(), "start", cluster.toString());
        assertEquals(0, start.exit(), start::output);
        String slurmConf = cluster.resolve("slurm.conf").toString();
        try {
            Files.writeString(dir.resolve("fast.config"), FAST_SLURM);
            List<String> command = nextflow(dir, "test,slurm", "-c", dir.resolve("fast.config").toString());
            Map<String, String> env = Map.of("SLURM_CONF", slurmConf);
            Process run = start(dir, command, env, dir.resolve("run1.log"));
            // kill the running training job of model mlp through the scheduler, as a preemption or an operator
            // would (the longest task of the test profile, so it is still running when scancel arrives)
            String found = null;
            for (int i = 0; i < 1200 && found == null && run.isAlive(); i++) {
                PipelineIT.Proc q = run(dir, env, "squeue", "-h", "-t", "RUNNING", "-o", "%i %j");
                found = q.output().lines().filter(l -> l.contains("_TRAIN_(mlp)")).map(l -> l.split(" ")[0]).findFirst().orElse(null);
                if (found == null) {
                    Thread.sleep(250);
                }
            }
            assertTrue(found != null, "no TRAIN job was ever seen running in squeue");
            String killed = found;
            // let the job get past Nextflow's wrapper start-up: a TERM that arrives before the wrapper has recorded
            // the task's pid ends in exit status 1 (an upstream race in .command.run under `set -u`), not 143
            Thread.sleep(2000);
            PipelineIT.Proc still = run(dir, env, "squeue", "-h", "-t", "RUNNING", "-j", killed, "-o", "%i");
            assertEquals(killed, still.output().strip(), "the training job finished before it could be cancelled");
            PipelineIT.Proc cancel = run(dir, env, "scancel", killed);
            assertEquals(0, cancel.exit(), cancel::output);
            assertTrue(run.waitFor(900, TimeUnit.SECONDS), "the Slurm run did not finish in 15 minutes");
            assertEquals(0, run.exitValue(), () -> "the Slurm run failed:\n" + read(dir.resolve("run1.log")));

            List<Map<String, String>> trace = trace(dir);
            for (Map<String, String> task : trace) {
                if (!task.get("process").endsWith(":RECORD")) {
                    assertTrue(task.get("native_id").matches("\\d+"), "task " + task.get("name") + " has no Slurm job id: " + task);
                }
            }
            String jobcomp = read(cluster.resolve("log/jobcomp.txt"));
            for (Map<String, String> task : trace) {
                if (!task.get("process").endsWith(":RECORD")) {
                    assertTrue(jobcomp.contains("JobId=" + task.get("native_id") + " "), "Slurm has no record of job " + task.get("native_id"));
                }
            }
            assertTrue(trace.stream().anyMatch(t -> t.get("native_id").equals(killed) && t.get("status").equals("FAILED")),
                    "the killed job " + killed + " is not a failed attempt in the trace");
            assertTrue(trace.stream().anyMatch(t -> t.get("process").endsWith(":TRAIN") && t.get("attempt").equals("2")
                    && t.get("status").equals("COMPLETED")), "the killed training was not retried to completion");

            Process resume = start(dir, withResume(command), env, dir.resolve("run2.log"));
            assertTrue(resume.waitFor(600, TimeUnit.SECONDS));
            assertEquals(0, resume.exitValue(), () -> read(dir.resolve("run2.log")));
            List<String> rerun = trace(dir).stream().filter(t -> !t.get("status").equals("CACHED")).map(t -> t.get("name")).toList();
            assertTrue(rerun.isEmpty(), "tasks re-run on -resume under Slurm: " + rerun);
        } finally {
            PipelineIT.Proc.run(dir, 60, ROOT.resolve("tests/infra/slurm-cluster").toString(), "stop", cluster.toString());
        }
        assertFalse(cluster.resolve("slurmctld.pid.rec").toFile().exists(), "a Slurm daemon was left running");
    }

    @Test
    @Order(2)
    void podmanRunsEveryTaskInTheToolsImageWithTheSameResults() throws Exception {
        Assumptions.assumeTrue(onPath("podman") && onPath("mmdebstrap"), "Podman is not installed (.ci/run installs podman, runc, mmdebstrap)");
        Path dir = fresh("podman");
        Map<String, String> env = podmanEnv();
        PipelineIT.Proc build = PipelineIT.Proc.run(dir, 1200, env, ROOT.resolve("bin/build-image").toString());
        assertEquals(0, build.exit(), build::output);
        Process run = start(dir, nextflow(dir, "test,podman"), env, dir.resolve("run.log"));
        assertTrue(run.waitFor(900, TimeUnit.SECONDS), "the Podman run did not finish in 15 minutes");
        assertEquals(0, run.exitValue(), () -> "the Podman run failed:\n" + read(dir.resolve("run.log")));
        // every task ran in the image
        try (Stream<Path> runs = Files.find(dir.resolve("work"), 3, (p, a) -> p.getFileName().toString().equals(".command.run"))) {
            List<Path> wrappers = runs.toList();
            assertEquals(trace(dir).size(), wrappers.size());
            for (Path wrapper : wrappers) {
                assertTrue(read(wrapper).contains("podman run"), wrapper + " did not run in a container");
            }
        }
        // the container computes the same simulations as the host: compare with a local run of the same seed
        Path local = fresh("podman-local-reference");
        Process host = start(local, nextflow(local, "test"), Map.of(), local.resolve("run.log"));
        assertTrue(host.waitFor(900, TimeUnit.SECONDS));
        assertEquals(0, host.exitValue(), () -> read(local.resolve("run.log")));
        for (String f : List.of("sample/samples.h5", "merge/dataset.h5", "split/train.h5")) {
            assertEquals(PipelineIT.sha256(local.resolve("results/pk-emulator").resolve(f)),
                    PipelineIT.sha256(dir.resolve("results/pk-emulator").resolve(f)), f + " differs between the container and the host");
        }
    }

    @Test
    @Order(3)
    void everyOtherProfileParses() throws Exception {
        Path dir = fresh("preview");
        for (String profile : List.of("test,pbs", "test,sge", "test,lsf", "test,docker", "test,singularity", "test,apptainer",
                "test,charliecloud", "test,slurm,podman")) {
            PipelineIT.Proc p = PipelineIT.Proc.run(dir, 300, Map.of(), nextflow(dir, profile, "-preview").toArray(String[]::new));
            assertEquals(0, p.exit(), () -> profile + ":\n" + p.output());
        }
    }

    // ---- helpers ----

    static List<String> nextflow(Path dir, String profile, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("nextflow").toString(), "run", ROOT.resolve("main.nf").toString(),
                "-profile", profile, "--outdir", dir.resolve("results").toString(), "-work-dir", dir.resolve("work").toString()));
        cmd.addAll(List.of(extra));
        return cmd;
    }

    static List<String> withResume(List<String> command) {
        List<String> out = new ArrayList<>(command);
        out.add("-resume");
        return out;
    }

    static Map<String, String> podmanEnv() {
        return Map.of("CONTAINERS_CONF", ROOT.resolve("tests/infra/podman/containers.conf").toString(),
                "CONTAINERS_STORAGE_CONF", ROOT.resolve("tests/infra/podman/storage.conf").toString());
    }

    static Process start(Path dir, List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("EMUFLOW_SKIP_BUILD", "true");
        pb.environment().put("NXF_ANSI_LOG", "false");
        pb.environment().putAll(env);
        return pb.start();
    }

    static PipelineIT.Proc run(Path dir, Map<String, String> env, String... command) throws Exception {
        return PipelineIT.Proc.run(dir, 60, env, command);
    }

    static List<Map<String, String>> trace(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("results/pipeline_info/execution_trace.txt"));
        String[] header = lines.get(0).split("\t");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length && i < cols.length; i++) {
                row.put(header[i], cols[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    static Path fresh(String name) throws IOException {
        Path dir = BASE.resolve(name);
        PipelineIT.deleteRecursively(dir);
        return Files.createDirectories(dir);
    }

    static boolean onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)))
                || Files.isExecutable(Path.of("/usr/sbin", tool));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
