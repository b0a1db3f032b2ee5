// Posterior sampling with one trained emulator (issue 18, docs/inference.md): the study's `inference:` block
// names the model, the data (a file, or a mock made here by `emuflow mock-data` with the study's simulator),
// priors and sampler; `emuflow infer` writes the chain, the posterior summary, a corner plot and a sidecar.
process INFER {
    tag "${model}"
    label 'process_low'
    container params.tools_image
    publishDir "${params.outdir}/${study_name}/inference", mode: params.publish_dir_mode

    input:
    // data and covariance are [] when the block makes a mock or the data file carries its own covariance
    tuple val(study_name), val(model), path(bundle, stageAs: 'bundle'), path(metrics, stageAs: 'evaluation/metrics.json'),
          path(train), val(inference), path(data, stageAs: 'input/*'), path(covariance, stageAs: 'input_covariance/*')
    val tools_id

    output:
    path "${model}/chain.h5",       emit: chain
    path "${model}/posterior.json", emit: posterior
    path "${model}/corner.png",     emit: plot
    path "${model}/mock.h5",        emit: mock, optional: true
    path "${model}/*.prov.json",    emit: prov

    script:
    def s = inference.sampler ?: [:]
    def mock = inference.mock
    def data_file = mock ? "${model}/mock.h5" : "${data}"
    def mock_cmd = ''
    if (mock) {
        def fiducial = mock.fiducial.collect { k, v -> "--param ${k}=${v}" }.join(' ')
        def z = mock.z ? "--z ${mock.z.join(',')}" : ''
        def noise = mock.noise_seed != null ? "--noise-seed ${mock.noise_seed}" : ''
        mock_cmd = "emuflow mock-data --model ${bundle} ${fiducial} ${z} --k-min ${mock.k_min ?: 0.02} --k-max ${mock.k_max ?: 0.3} " +
                   "--volume ${mock.volume ?: 1.0e9} --number-density ${mock.number_density ?: 1.0e-3} ${noise} --out ${model}/mock.h5"
    }
    def opts = []
    if (!mock && inference.covariance) opts << "--covariance ${covariance}"
    if (inference.emulator_error) opts << "--emulator-error ${metrics}"
    [walkers: 'walkers', max_steps: 'max-steps', check_every: 'check-every', max_rhat: 'max-rhat', min_ess: 'min-ess',
     live_points: 'live-points', walk_steps: 'walk-steps', tolerance: 'tolerance'].each { k, flag ->
        if (s[k] != null) opts << "--${flag} ${s[k]}"
    }
    def priors = groovy.json.JsonOutput.toJson(inference.priors ?: [:])
    """
    export EMUFLOW_TASK_NAME='${task.process} (${task.tag})' EMUFLOW_SESSION_ID='${workflow.sessionId}'
    export EMUFLOW_JAVA_OPTS='-Xmx${task.memory ? (task.memory.toMega() * 0.7) as long : 2048}m --add-modules jdk.incubator.vector'
    export OMP_NUM_THREADS=${task.cpus}
    mkdir -p ${model}
    cat > priors.json <<'PRIORS'
    ${priors}
    PRIORS
    ${mock_cmd}
    emuflow infer --model ${bundle} --train ${train} --data ${data_file} --priors priors.json \\
        --sampler ${s.name ?: 'ensemble'} --seed ${s.seed ?: params.seed} ${opts.join(' ')} --out-dir ${model}
    """
}
