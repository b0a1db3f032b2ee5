// The inverse workflow (spectrum -> parameters), for studies of kind 'inverse': the dataset, one TRAIN_INVERSE
// task per model (regressors and classifiers), EVALUATE_INVERSE per model, every sidecar into the store.
include { DATASET          } from './dataset'
include { TRAIN_INVERSE    } from '../modules/local/train_inverse'
include { EVALUATE_INVERSE } from '../modules/local/evaluate_inverse'
include { RECORD           } from '../modules/local/record'

workflow INVERSE {
    take:
    study_name
    study_file
    tools_id

    main:
    DATASET(study_name, study_file, tools_id)
    models = DATASET.out.study.flatMap { f -> new groovy.json.JsonSlurper().parse(f.toFile()).models.collect { m -> m.name } }
    TRAIN_INVERSE(study_name.combine(DATASET.out.study).combine(DATASET.out.splits.map { tr, va, te -> [tr, va] }).combine(models), tools_id)
    EVALUATE_INVERSE(study_name.combine(TRAIN_INVERSE.out.model).combine(DATASET.out.splits), tools_id)

    sidecars = DATASET.out.sidecars.mix(TRAIN_INVERSE.out.prov, EVALUATE_INVERSE.out.prov)
        .toSortedList { a, b -> a.toString() <=> b.toString() }
    RECORD(sidecars, tools_id)

    emit:
    metrics = EVALUATE_INVERSE.out.metrics
}
