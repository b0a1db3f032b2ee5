package io.emuflow.cli;

import io.emuflow.orchestration.AirflowDag;
import io.emuflow.orchestration.PipelineDir;
import io.emuflow.orchestration.Stages;
import io.emuflow.study.Study;
import io.emuflow.study.StudyLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes an Airflow DAG that runs one study stage by stage (docs/airflow.md). */
@Command(name = "airflow-dag", mixinStandardHelpOptions = true,
        description = "Write an Airflow DAG (2.7+, 3.x) that runs a study through Nextflow, stage by stage with -resume.")
final class AirflowDagCommand implements Callable<Integer> {
    @Option(names = "--study", required = true, description = "a shipped study (conf/studies/NAME.yaml)")
    String study;

    @Option(names = "--profile", defaultValue = "local", description = "Nextflow -profile, comma-separated (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--outdir", defaultValue = "results", description = "results folder; relative: inside each DAG run's launch directory")
    String outdir;

    @Option(names = "--work-dir", description = "Nextflow work directory (default: work/ in each DAG run's launch directory)")
    Path workDir;

    @Option(names = "--params-file", description = "a Nextflow -params-file for every task")
    Path paramsFile;

    @Option(names = "--granularity", defaultValue = "stage", description = "stage (one task per stage) or run (one task)")
    String granularity;

    @Option(names = "--runs-dir", description = "where each DAG run gets its launch directory (default: <pipeline>/airflow-runs/<study>)")
    Path runsDir;

    @Option(names = "--pipeline-dir", description = "the EmuFlow checkout the tasks run (default: the one holding this jar)")
    Path pipelineDir;

    @Option(names = "--weblog", description = "URL of a collector for Nextflow's -with-weblog")
    String weblog;

    @Option(names = "--seed", defaultValue = "42", description = "default of the DAG's seed param")
    long seed;

    @Option(names = "--samples", description = "default of the DAG's samples param (default: the study's)")
    Integer samples;

    @Option(names = "--retries", defaultValue = "2", description = "retries per task (default: ${DEFAULT-VALUE})")
    int retries;

    @Option(names = "--retry-delay-minutes", defaultValue = "5", description = "minutes between retries (default: ${DEFAULT-VALUE})")
    int retryDelayMinutes;

    @Option(names = "--force", description = "overwrite --out if it exists")
    boolean force;

    @Option(names = "--out", required = true, description = "the DAG file to write, e.g. emuflow_pk_emulator.py")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!granularity.equals("stage") && !granularity.equals("run")) {
            throw new IllegalArgumentException("unknown granularity '" + granularity + "'; granularities: stage, run");
        }
        PipelineDir pipeline = pipelineDir != null ? new PipelineDir(pipelineDir) : PipelineDir.locate();
        Study resolved = StudyLoader.load(pipeline.studyFile(study), false, Map.of());
        pipeline.requireProfile(profile);
        if (Files.exists(out) && !force) {
            throw new IllegalArgumentException("output " + out + " exists (use --force to overwrite)");
        }
        if (paramsFile != null && !Files.isRegularFile(paramsFile)) {
            throw new IllegalArgumentException("--params-file " + paramsFile + " does not exist");
        }
        if (retries < 0 || retryDelayMinutes < 0) {
            throw new IllegalArgumentException("--retries and --retry-delay-minutes must be 0 or more");
        }
        for (String value : new String[] {outdir, profile, String.valueOf(workDir), String.valueOf(runsDir), String.valueOf(weblog)}) {
            if (value.contains("{{") || value.contains("{%") || value.contains("{#")) {
                throw new IllegalArgumentException("'" + value + "' contains Jinja delimiters, which Airflow would expand");
            }
        }
        Path runs = (runsDir != null ? runsDir : pipeline.root().resolve("airflow-runs").resolve(study)).toAbsolutePath().normalize();
        AirflowDag.Settings settings = new AirflowDag.Settings(study, Stages.of(resolved.kind(), resolved.inference() != null),
                granularity, pipeline.root(), runs, profile, outdir, workDir == null ? null : workDir.toAbsolutePath().normalize(),
                paramsFile == null ? null : paramsFile.toAbsolutePath().normalize(), weblog, seed, samples, retries, retryDelayMinutes,
                VersionInfo.full());
        Path target = out.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        Files.writeString(tmp, AirflowDag.render(settings), StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("wrote " + target + " (DAG " + AirflowDag.dagId(study) + ", " + granularity + ": "
                + (granularity.equals("run") ? AirflowDag.RUN_TASK : String.join(" >> ", settings.stages()) + " >> " + AirflowDag.VERIFY_TASK) + ")");
        return 0;
    }
}
