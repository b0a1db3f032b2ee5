#!/usr/bin/env nextflow
/*
 * EmuFlow: neural emulators and parameter estimators for cosmology, with full provenance.
 * Validates the parameters against schema/nextflow_schema.json, then runs the study's workflow.
 *   ./nextflow run main.nf -profile test
 *   ./nextflow run main.nf --study pk-emulator -profile slurm -resume
 */
nextflow.enable.dsl = 2

include { EMULATOR } from './workflows/emulator'
include { INVERSE  } from './workflows/inverse'

// Parameter validation happens before any task starts (plugins such as nf-schema cannot be installed offline).
// --stop_after is checked there against its enum (the stages of workflows/stages.nf).
def problems = ParamsValidator.validate(params, file("${projectDir}/schema/nextflow_schema.json"))
def studyFile = file(params.study_file ?: "${projectDir}/conf/studies/${params.study}.yaml")
if (!params.study_file && !studyFile.exists()) {
    problems << "study '${params.study}' has no study file ${studyFile}".toString()
}
if (problems) {
    error("invalid parameters: " + problems.join('; '))
}

/** The tools build a task runs: the thin jar's sha256 (our code plus its git commit), or the image name. */
def toolsId() {
    def thin = file("${projectDir}/pipeline-tools/target/original-emuflow-tools.jar")
    if (!thin.exists()) {
        return params.tools_image
    }
    def digest = java.security.MessageDigest.getInstance('SHA-256').digest(thin.bytes)
    return 'emuflow-tools:' + digest.encodeHex().toString()
}

workflow {
    // the study file is validated in full by the sample step; here only its name and kind choose the workflow
    def study = new org.yaml.snakeyaml.Yaml().load(studyFile.text)
    if (!(study instanceof Map) || !study.name || !(study.kind in ['emulator', 'inverse'])) {
        error("study ${studyFile}: needs a name and a kind of 'emulator' or 'inverse'")
    }
    log.info "EmuFlow ${workflow.manifest.version}: study ${study.name} (${studyFile}), outdir ${params.outdir}, seed ${params.seed}"
    if (params.stop_after) {
        log.info "EmuFlow: --stop_after ${params.stop_after}: stages after it do not run; what ran is published and recorded"
    }
    def tools = toolsId()
    if (study.kind == 'emulator') {
        EMULATOR(channel.value(study.name), channel.value(studyFile), channel.value(tools))
    } else {
        INVERSE(channel.value(study.name), channel.value(studyFile), channel.value(tools))
    }
}

workflow.onComplete {
    log.info(workflow.success
        ? "EmuFlow done: report ${file(params.outdir).toAbsolutePath()}/report.html; results in ${params.outdir}, provenance in ${params.outdir}/provenance (emuflow audit run ${workflow.runName})"
        : "EmuFlow failed: ${workflow.errorMessage ?: 'see .nextflow.log'}")
}
