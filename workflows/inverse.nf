// The inverse workflow (spectrum -> parameters), for studies of kind 'inverse': the dataset, one TRAIN_INVERSE
// task per model (regressors and classifiers), EVALUATE_INVERSE per model, SUMMARIZE_INVERSE over them, every sidecar into the store.
include { DATASET          } from './dataset'
include { TRAIN_INVERSE    } from '../modules/local/train_inverse'
include { EVALUATE_INVERSE } from '../modules/local/evaluate_inverse'
include { SUMMARIZE_INVERSE } from '../modules/local/summarize_inverse'
include { RECORD           } from '../modules/local/record'
include { upTo     } from './stages'   // --stop_after gate

workflow INVERSE {
    take:
    study_name
    study_file
    tools_id

    main:
    DATASET(study_name, study_file, tools_id)
    models = DATASET.out.study.flatMap { f -> new groovy.json.JsonSlurper().parse(f.toFile()).models.collect { m -> m.name } }
    TRAIN_INVERSE(study_name.combine(DATASET.out.study).combine(DATASET.out.splits.map { tr, va, te -> [tr, va] }).combine(models).filter { upTo('train') }, tools_id)
    EVALUATE_INVERSE(study_name.combine(TRAIN_INVERSE.out.model).combine(DATASET.out.splits).filter { upTo('evaluate') }, tools_id)
    // one table over the models (sorted by model name inside the tool, so the task hash is the only order-dependent part)
    SUMMARIZE_INVERSE(study_name.combine(EVALUATE_INVERSE.out.metrics.toSortedList { a, b -> a.toString() <=> b.toString() }.map { [it] }).filter { upTo('evaluate') }, tools_id)

    sidecars = DATASET.out.sidecars.mix(TRAIN_INVERSE.out.prov, EVALUATE_INVERSE.out.prov, SUMMARIZE_INVERSE.out.prov)
        .toSortedList { a, b -> a.toString() <=> b.toString() }
    RECORD(sidecars, tools_id)

    emit:
    metrics = EVALUATE_INVERSE.out.metrics
}
