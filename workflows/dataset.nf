// The data half every study shares: sample -> simulate (one task per chunk) -> merge -> clean -> split.
include { SAMPLE   } from '../modules/local/sample'
include { SIMULATE } from '../modules/local/simulate'
include { MERGE    } from '../modules/local/merge'
include { CLEAN    } from '../modules/local/clean'
include { SPLIT    } from '../modules/local/split'
include { upTo     } from './stages'   // --stop_after gate

workflow DATASET {
    take:
    study_name   // value: the study's name (results sub-folder)
    study_file   // value: the study YAML
    tools_id     // value: identity of the tools build; a new build re-runs what it must

    main:
    SAMPLE(study_name.combine(study_file).filter { upTo('sample') }, tools_id)

    // one task per chunk of --chunk_size samples
    chunks = SAMPLE.out.count
        .map { f -> f.text.trim() as long }
        .flatMap { n -> (0..<((n + params.chunk_size - 1).intdiv(params.chunk_size))).toList() }
    SIMULATE(study_name.combine(SAMPLE.out.study).combine(SAMPLE.out.samples).combine(chunks).filter { upTo('simulate') }, tools_id)

    // sorted by name so the task's inputs (and its cache key) do not depend on which chunk finished first
    MERGE(study_name.combine(SIMULATE.out.chunk.toSortedList { a, b -> a.name <=> b.name }).map { it -> [it[0], it[1..-1]] }.filter { upTo('merge') }, tools_id)
    CLEAN(study_name.combine(SAMPLE.out.study).combine(MERGE.out.dataset).filter { upTo('clean') }, tools_id)
    SPLIT(study_name.combine(SAMPLE.out.study).combine(CLEAN.out.dataset).filter { upTo('split') }, tools_id)

    emit:
    study    = SAMPLE.out.study      // the resolved study.json
    splits   = SPLIT.out.splits      // [train.h5, validation.h5, test.h5]
    sidecars = SAMPLE.out.prov.mix(SIMULATE.out.prov, MERGE.out.prov, CLEAN.out.prov, SPLIT.out.prov)
}
