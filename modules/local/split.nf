// Train/validation/test split by the study's fractions and the pipeline seed; scalers fitted on train only.
process SPLIT {
    tag "${study_name}"
    label 'process_single'
    container params.tools_image
    publishDir "${params.outdir}/${study_name}/split", mode: params.publish_dir_mode

    input:
    tuple val(study_name), path(study), path(dataset)
    val tools_id

    output:
    tuple path('train.h5'), path('validation.h5'), path('test.h5'), emit: splits
    path 'train.h5.prov.json', emit: prov

    script:
    """
    export EMUFLOW_TASK_NAME='${task.name}' EMUFLOW_SESSION_ID='${workflow.sessionId}'
    emuflow split --study ${study} --in ${dataset} --seed ${params.seed} --out-dir .
    """
}
