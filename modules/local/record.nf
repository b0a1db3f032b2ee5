// The single writer of the provenance store: ingests every sidecar of the run into the H2 database in
// the output folder (or the group's PostgreSQL store that --provenance_db names; its credentials come from the
// environment or ~/.pgpass, never from the command line), then writes the run's report (<outdir>/report.html) from it. It runs where Nextflow runs
// (never on a compute node) and is idempotent.
process RECORD {
    tag "${workflow.runName}"
    label 'process_single'
    executor 'local'
    container params.tools_image
    // The run name reaches the script through a file that beforeScript writes (on the host, even with a
    // container): beforeScript is not part of the task's cache key, so a -resume (same session id, new
    // run name) finds this task cached like every other.
    beforeScript "echo ${workflow.runName} > .run_name"

    input:
    path sidecars, stageAs: 'sidecars/?/*'
    val tools_id

    output:
    path 'record.log', emit: log

    script:
    def url = params.provenance_db && params.provenance_db.toString().startsWith('jdbc:')
    def db = url ? params.provenance_db.toString()
            : file(params.provenance_db ? params.provenance_db.toString() : "${params.outdir}/provenance/emuflow").toAbsolutePath()
    """
    ${url ? '' : "mkdir -p \"${db.parent}\""}
    emuflow record --db "${db}" --run-name "\$(cat .run_name)" --session-id ${workflow.sessionId} \\
        --outdir "${file(params.outdir).toAbsolutePath()}" --nextflow-version ${nextflow.version} \\
        --pipeline-commit ${workflow.commitId ?: 'none'} sidecars/*/* 2>&1 | tee record.log
    emuflow report --db "${db}" --run "\$(cat .run_name)" --outdir "${file(params.outdir).toAbsolutePath()}" 2>&1 | tee -a record.log
    """
}
