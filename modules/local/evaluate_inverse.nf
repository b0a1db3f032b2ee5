// Per-parameter metrics (and class metrics, confusion matrices) and plots of one inverse model.
process EVALUATE_INVERSE {
    tag "${model}"
    label 'process_low'
    container params.tools_image
    publishDir "${params.outdir}/${study_name}/evaluation", mode: params.publish_dir_mode

    input:
    // the bundle is staged under its own name: the outputs go to a folder named after the model
    tuple val(study_name), val(model), path(bundle, stageAs: 'bundle'), path(train), path(validation), path(test)
    val tools_id

    output:
    path "${model}/metrics.json",           emit: metrics
    path "${model}/*.png",                  emit: plots
    path "${model}/metrics.json.prov.json", emit: prov

    script:
    """
    export EMUFLOW_TASK_NAME='${task.process} (${task.tag})' EMUFLOW_SESSION_ID='${workflow.sessionId}'
    export EMUFLOW_JAVA_OPTS='-Xmx${task.memory ? (task.memory.toMega() * 0.7) as long : 2048}m'
    export OMP_NUM_THREADS=${task.cpus}
    emuflow evaluate-inverse --model ${bundle} --data train=${train},validation=${validation},test=${test} --out-dir ${model}
    """
}
