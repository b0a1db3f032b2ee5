// Removes NaN/Inf rows or columns by the study's policy and reports what it removed.
process CLEAN {
    tag "${study_name}"
    label 'process_high_memory'
    container params.tools_image
    publishDir "${params.outdir}/${study_name}/clean", mode: params.publish_dir_mode

    input:
    tuple val(study_name), path(study), path(dataset)
    val tools_id

    output:
    path 'clean.h5',           emit: dataset
    path 'clean_report.json',  emit: report
    path 'clean.h5.prov.json', emit: prov

    script:
    """
    export EMUFLOW_TASK_NAME='${task.process} (${task.tag})' EMUFLOW_SESSION_ID='${workflow.sessionId}'
    export EMUFLOW_JAVA_OPTS='-Xmx${task.memory ? (task.memory.toMega() * 0.7) as long : 2048}m'
    emuflow clean --study ${study} --in ${dataset} --out clean.h5 --report clean_report.json
    """
}
