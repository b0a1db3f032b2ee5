// One trial of a model's fine-tuning search (one task per trial): fine-tunes the trained bundle on its N worst
// training samples with the trial's settings (random in the start-up wave; TPE in later waves, learning from the
// finished trials' records given in trials/). Its bundle is the original one, unchanged, when validation did not
// improve (the record says so).
process FINE_TUNE_TRIAL {
    tag "${model} #${trial}"
    label 'process_medium'
    container params.tools_image
    publishDir "${params.outdir}/${study_name}/fine_tune/${model}", mode: params.publish_dir_mode

    input:
    tuple val(study_name), path(study), path(train), path(validation), path(test), val(model), path(base, stageAs: 'base'), val(trial), path(finished, stageAs: 'trials/*')
    val tools_id

    output:
    tuple val(model), path("trial_${trial}"), path("trial_${trial}.fine_tune.json"), emit: trial
    path "trial_${trial}.prov.json", emit: prov

    script:
    def max_epochs = params.max_epochs ? "--max-epochs ${params.max_epochs}" : ''
    def trials_dir = finished ? '--trials-dir trials' : ''
    """
    export EMUFLOW_TASK_NAME='${task.process} (${task.tag})' EMUFLOW_SESSION_ID='${workflow.sessionId}'
    export EMUFLOW_JAVA_OPTS='-Xmx${task.memory ? (task.memory.toMega() * 0.7) as long : 2048}m'
    export OMP_NUM_THREADS=${task.cpus}
    emuflow fine-tune --study ${study} --model-dir base --train ${train} --validation ${validation} --test ${test} \\
        --model ${model} --seed ${params.seed} ${max_epochs} --trial-index ${trial} ${trials_dir} --out trial_${trial}
    """
}
