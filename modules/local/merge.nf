// Gathers the simulated chunks into one dataset, ordered by sample id whatever the chunk order.
process MERGE {
    tag "${study_name}"
    label 'process_single'
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
    export EMUFLOW_TASK_NAME='${task.name}' EMUFLOW_SESSION_ID='${workflow.sessionId}'
    emuflow merge --out dataset.h5 ${chunks}
    """
}
