// Metrics (per split) and plots of one trained model.
process EVALUATE {
    tag "${model}"
    label 'process_low'
    container params.tools_image
    publishDir "${params.outdir}/${study_name}/evaluation", mode: params.publish_dir_mode

    input:
    tuple val(study_name), val(model), path(bundle), path(train), path(validation), path(test)
    val tools_id

    output:
    path "${model}/metrics.json",           emit: metrics
    path "${model}/*.png",                  emit: plots
    path "${model}/metrics.json.prov.json", emit: prov

    script:
    """
    export OMP_NUM_THREADS=${task.cpus}
    emuflow evaluate --model ${bundle} --data train=${train},validation=${validation},test=${test} --out-dir ${model}
    """
}
