// Simulates one chunk of the samples: one task per chunk, so chunks spread over a cluster.
process SIMULATE {
    tag "chunk ${chunk}"
    label 'process_low'
    container params.tools_image
    publishDir "${params.outdir}/${study_name}/simulate", mode: params.publish_dir_mode

    input:
    tuple val(study_name), path(study), path(samples), val(chunk)
    val tools_id

    output:
    path "chunk_${chunk}.h5",           emit: chunk
    path "chunk_${chunk}.h5.prov.json", emit: prov

    script:
    """
    export EMUFLOW_TASK_NAME='${task.process} (${task.tag})' EMUFLOW_SESSION_ID='${workflow.sessionId}'
    export EMUFLOW_JAVA_OPTS='-Xmx${task.memory ? (task.memory.toMega() * 0.7) as long : 2048}m'
    export OMP_NUM_THREADS=${task.cpus}
    emuflow simulate --study ${study} --samples ${samples} --chunk ${chunk} --chunk-size ${params.chunk_size} \\
        --threads ${task.cpus} --out chunk_${chunk}.h5
    """
}
