// One trial of a model's hyperparameter search (one task per trial, so trials spread over a cluster).
// Trials of the first wave sample at random; the second wave's TPE sampler learns from the first wave's
// records (given in trials/).
process TRAIN_TRIAL {
    tag "${model} #${trial}"
    label 'process_medium'
    container params.tools_image
    publishDir "${params.outdir}/${study_name}/search/${model}", mode: params.publish_dir_mode

    input:
    tuple val(study_name), path(study), path(train), path(validation), path(test), val(model), val(trial), path(finished, stageAs: 'trials/*')
    val tools_id

    output:
    tuple val(model), path("trial_${trial}"), path("trial_${trial}.trial.json"), emit: trial
    path "trial_${trial}.prov.json", emit: prov

    script:
    def max_epochs = params.max_epochs ? "--max-epochs ${params.max_epochs}" : ''
    def trials_dir = finished ? '--trials-dir trials' : ''
    """
    export EMUFLOW_TASK_NAME='${task.process} (${task.tag})' EMUFLOW_SESSION_ID='${workflow.sessionId}'
    export EMUFLOW_JAVA_OPTS='-Xmx${task.memory ? (task.memory.toMega() * 0.7) as long : 2048}m'
    export OMP_NUM_THREADS=${task.cpus}
    emuflow train --study ${study} --train ${train} --validation ${validation} --test ${test} --model ${model} \\
        --seed ${params.seed} ${max_epochs} --trial-index ${trial} ${trials_dir} --out trial_${trial}
    """
}
