// Gathers the simulated chunks into one dataset, ordered by sample id whatever the chunk order.
process MERGE {
    tag "${study_name}"
    label 'process_high_memory'
    container params.tools_image
    publishDir "${params.outdir}/${study_name}/merge", mode: params.publish_dir_mode

    input:
    tuple val(study_name), path(chunks, stageAs: 'chunks/*')
    val tools_id

    output:
    path 'dataset.h5',           emit: dataset
    path 'dataset.h5.prov.json', emit: prov

    script:
    """
    export EMUFLOW_TASK_NAME='${task.process} (${task.tag})' EMUFLOW_SESSION_ID='${workflow.sessionId}'
    export EMUFLOW_JAVA_OPTS='-Xmx${task.memory ? (task.memory.toMega() * 0.7) as long : 2048}m'
    emuflow merge --out dataset.h5 ${chunks}
    """
}
