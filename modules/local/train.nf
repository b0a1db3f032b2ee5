// Trains one of the study's models (one task per model). A model whose fine-tuning is searched (`fine_tune:
// {search: ...}`) is published as fine_tune/<model>/<model> (the fine-tune selection publishes models/<model>).
process TRAIN {
    tag "${model}"
    label 'process_medium'
    container params.tools_image
    publishDir "${params.outdir}/${study_name}", mode: params.publish_dir_mode,
        saveAs: { fn -> tuned ? "fine_tune/${model}/${fn}" : "models/${fn}" }

    input:
    tuple val(study_name), path(study), path(train), path(validation), val(model), val(tuned)
    val tools_id

    output:
    tuple val(model), path("${model}"), emit: model
    path "${model}.prov.json",          emit: prov

    script:
    def max_epochs = params.max_epochs ? "--max-epochs ${params.max_epochs}" : ''
    """
    export EMUFLOW_TASK_NAME='${task.process} (${task.tag})' EMUFLOW_SESSION_ID='${workflow.sessionId}'
    export EMUFLOW_JAVA_OPTS='-Xmx${task.memory ? (task.memory.toMega() * 0.7) as long : 2048}m'
    export OMP_NUM_THREADS=${task.cpus}
    emuflow train --study ${study} --train ${train} --validation ${validation} --model ${model} \\
        --seed ${params.seed} ${max_epochs} --out ${model}
    """
}
