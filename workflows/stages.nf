// The stages of a study, in order, and the gate that `--stop_after STAGE` sets (docs/orchestration.md).
// Each workflow filters the input of every process with upTo('<its stage>'), so a run stops after the named
// stage; RECORD still ingests the sidecars of what ran. schema/nextflow_schema.json (stop_after's enum) and
// io.emuflow.orchestration.Stages list the same stages; StagesTest checks all three against each other.

/** Every stage, in order: a study of kind 'inverse' has no infer; an emulator study only infers with an `inference:` block. */
def stages() {
    ['sample', 'simulate', 'merge', 'clean', 'split', 'train', 'evaluate', 'infer']
}

/** True when `stage` runs in this run: no --stop_after, or the stage is at or before it. */
def upTo(String stage) {
    def all = stages()
    if (!(stage in all)) {
        error("upTo('${stage}'): not a stage (${all.join(', ')})")
    }
    return !params.stop_after || all.indexOf(stage) <= all.indexOf(params.stop_after)
}
