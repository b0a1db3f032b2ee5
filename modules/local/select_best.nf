// Picks the search's best trial on validation loss only (never test), writes the study log of every trial
// and copies the best bundle as the model (published as fine_tune/<model>/<model> when its fine-tuning is searched:
// the fine-tune selection publishes models/<model>).
process SELECT_BEST {
    tag "${model}"
    label 'process_single'
    container params.tools_image
    publishDir "${params.outdir}/${study_name}", mode: params.publish_dir_mode, pattern: "${model}",
        saveAs: { fn -> tuned ? "fine_tune/${model}/${fn}" : "models/${fn}" }
    publishDir "${params.outdir}/${study_name}/search/${model}", mode: params.publish_dir_mode, pattern: 'search_log.*'

    input:
    tuple val(study_name), val(model), path(bundles, stageAs: 'bundles/*'), path(records, stageAs: 'records/*'), val(tuned)
    val tools_id

    output:
    tuple val(model), path("${model}"), emit: model
    path 'search_log.json', emit: log
    path 'search_log.md',   emit: log_md
    path 'search_log.txt',  emit: log_txt   // one line per trial, in the reference's format
    path 'search_log.json.prov.json', emit: prov

    script:
    """
    export EMUFLOW_TASK_NAME='${task.process} (${task.tag})' EMUFLOW_SESSION_ID='${workflow.sessionId}'
    export EMUFLOW_JAVA_OPTS='-Xmx${task.memory ? (task.memory.toMega() * 0.7) as long : 2048}m'
    emuflow select-best --trials-dir records --models ${[bundles].flatten().join(",")} --log search_log.json --best-out ${model}
    """
}
