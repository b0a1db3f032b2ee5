// Validates the study, resolves it (test overrides, --samples) and draws the Latin hypercube.
process SAMPLE {
    tag "${study_file.baseName}"
    label 'process_single'
    container params.tools_image
    publishDir "${params.outdir}/${study_name}/sample", mode: params.publish_dir_mode

    input:
    tuple val(study_name), path(study_file)
    val tools_id

    output:
    path 'study.json',            emit: study
    path 'samples.h5',            emit: samples
    path 'n_samples.txt',         emit: count
    path 'samples.h5.prov.json',  emit: prov

    script:
    def test_size = params.test_size ? '--test-size' : ''
    def samples   = params.samples ? "--samples ${params.samples}" : ''
    """
    export EMUFLOW_TASK_NAME='${task.process} (${task.tag})' EMUFLOW_SESSION_ID='${workflow.sessionId}'
    export EMUFLOW_JAVA_OPTS='-Xmx${task.memory ? (task.memory.toMega() * 0.7) as long : 2048}m'
    emuflow sample --study ${study_file} ${test_size} ${samples} --seed ${params.seed} \\
        --out samples.h5 --study-out study.json --count-out n_samples.txt
    """
}
