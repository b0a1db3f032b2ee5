// Train/validation/test split by the study's fractions and the pipeline seed; scalers fitted on train only.
process SPLIT {
    tag "${study_name}"
    label 'process_high_memory'
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
    export EMUFLOW_TASK_NAME='${task.process} (${task.tag})' EMUFLOW_SESSION_ID='${workflow.sessionId}'
    export EMUFLOW_JAVA_OPTS='-Xmx${task.memory ? (task.memory.toMega() * 0.7) as long : 2048}m'
    emuflow split --study ${study} --in ${dataset} --seed ${params.seed} --out-dir .
    """
}
