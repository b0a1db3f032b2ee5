// The study's final models side by side on the test split (after EVALUATE): percentiles of max |relative error|
// per target, the p99 error against k, and the time of a single call and of a batch of 10,000 (emuflow compare).
process COMPARE {
    tag "${study_name}"
    label 'process_low'
    container params.tools_image
    publishDir "${params.outdir}/${study_name}", mode: params.publish_dir_mode

    input:
    // the bundles are staged under their model names: compare names each row after its bundle's folder
    tuple val(study_name), path(bundles, stageAs: 'models/*'), path(test)
    val tools_id

    output:
    path 'compare/compare.md',   emit: table
    path 'compare/compare.json', emit: metrics
    path 'compare/*.png',        emit: plots
    path 'compare/compare.json.prov.json', emit: prov

    script:
    """
    export EMUFLOW_TASK_NAME='${task.process} (${task.tag})' EMUFLOW_SESSION_ID='${workflow.sessionId}'
    export EMUFLOW_JAVA_OPTS='-Xmx${task.memory ? (task.memory.toMega() * 0.7) as long : 2048}m'
    export OMP_NUM_THREADS=${task.cpus}
    emuflow compare --models ${[bundles].flatten().join(",")} --data ${test} --out-dir compare
    """
}
