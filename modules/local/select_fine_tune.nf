// Ends a model's fine-tuning search: the best trial (validation loss only) becomes the model if it beats the
// network as trained, else the trained network stays; writes the fine-tune log.
process SELECT_FINE_TUNE {
    tag "${model}"
    label 'process_single'
    container params.tools_image
    publishDir "${params.outdir}/${study_name}/models", mode: params.publish_dir_mode, pattern: "${model}"
    publishDir "${params.outdir}/${study_name}/fine_tune/${model}", mode: params.publish_dir_mode, pattern: 'fine_tune_log.*'

    input:
    tuple val(study_name), val(model), path(bundles, stageAs: 'bundles/*'), path(records, stageAs: 'records/*'), path(base, stageAs: 'base')
    val tools_id

    output:
    tuple val(model), path("${model}"), emit: model
    path 'fine_tune_log.json', emit: log
    path 'fine_tune_log.md',   emit: log_md
    path 'fine_tune_log.json.prov.json', emit: prov

    script:
    """
    export EMUFLOW_TASK_NAME='${task.process} (${task.tag})' EMUFLOW_SESSION_ID='${workflow.sessionId}'
    export EMUFLOW_JAVA_OPTS='-Xmx${task.memory ? (task.memory.toMega() * 0.7) as long : 2048}m'
    emuflow select-fine-tune --base base --trials-dir records --models ${[bundles].flatten().join(",")} --log fine_tune_log.json --out ${model}
    """
}
