// CMB posterior with the study's TT, TE and EE emulators (issue 23, docs/cmb.md "Inference"): the study's
// `inference: {likelihood: cmb}` block names the three models; the mock is one row of the test split (CLASS spectra),
// cosmic-variance limited on a sky fraction f_sky; `emuflow infer-cmb` writes the chain, the posterior summary
// (with each parameter's pull and the run time next to CLASS's), a corner plot and a sidecar.
process INFER_CMB {
    tag "TT+TE+EE"
    label 'process_low'
    container params.tools_image
    publishDir "${params.outdir}/${study_name}/inference", mode: params.publish_dir_mode

    input:
    tuple val(study_name), path(tt, stageAs: 'models/tt'), path(te, stageAs: 'models/te'), path(ee, stageAs: 'models/ee'),
          path(test, stageAs: 'split/test.h5'), val(inference)
    val tools_id

    output:
    path 'cmb/chain.h5',       emit: chain
    path 'cmb/posterior.json', emit: posterior
    path 'cmb/corner.png',     emit: plot
    path 'cmb/*.prov.json',    emit: prov

    script:
    def s = inference.sampler ?: [:]
    def opts = []
    [walkers: 'walkers', max_steps: 'max-steps', check_every: 'check-every', max_rhat: 'max-rhat', min_ess: 'min-ess'].each { k, flag ->
        if (s[k] != null) opts << "--${flag} ${s[k]}"
    }
    """
    export EMUFLOW_TASK_NAME='${task.process} (${task.tag})' EMUFLOW_SESSION_ID='${workflow.sessionId}'
    export EMUFLOW_JAVA_OPTS='-Xmx${task.memory ? (task.memory.toMega() * 0.7) as long : 2048}m --add-modules jdk.incubator.vector'
    export OMP_NUM_THREADS=${task.cpus}
    emuflow infer-cmb --tt models/tt --te models/te --ee models/ee --data split/test.h5 --row ${inference.test_row ?: 0} \\
        --fsky ${inference.f_sky ?: 0.4} --class-seconds ${inference.class_seconds ?: 3.5} --seed ${s.seed ?: params.seed} \\
        ${opts.join(' ')} --out-dir cmb
    """
}
