// The emulator workflow (parameters -> spectrum), shared by every study of kind 'emulator': the dataset,
// then one TRAIN task per model, or, for a model with a `search:` entry, one task per hyperparameter trial in
// two waves (random start-up trials, then TPE trials that learn from them) and SELECT_BEST on validation loss;
// EVALUATE per model; INFER (posterior sampling) with the model a study's `inference:` block names; every sidecar
// into the provenance store.
include { DATASET     } from './dataset'
include { TRAIN       } from '../modules/local/train'
include { TRAIN_TRIAL } from '../modules/local/train_trial'
include { TRAIN_TRIAL as TRAIN_TRIAL_TPE } from '../modules/local/train_trial'
include { SELECT_BEST } from '../modules/local/select_best'
include { EVALUATE    } from '../modules/local/evaluate'
include { INFER       } from '../modules/local/infer'
include { INFER_CMB   } from '../modules/local/infer_cmb'   // issue 23
include { RECORD      } from '../modules/local/record'
include { upTo     } from './stages'   // --stop_after gate

workflow EMULATOR {
    take:
    study_name
    study_file
    tools_id

    main:
    DATASET(study_name, study_file, tools_id)

    // [name, search] per model of the resolved study
    models = DATASET.out.study.flatMap { f -> new groovy.json.JsonSlurper().parse(f.toFile()).models.collect { m -> [m.name, m.search] } }
    data = study_name.combine(DATASET.out.study).combine(DATASET.out.splits)   // [study, study.json, train, validation, test]

    TRAIN(data.map { s, st, tr, va, te -> [s, st, tr, va] }.combine(models.filter { it[1] == null }.map { it[0] }).filter { upTo('train') }, tools_id)

    searches = models.filter { it[1] != null }.map { name, search ->
        int trials = (search.trials ?: 20) as int
        int startup = Math.min((search.startup_trials ?: Math.min(10, trials)) as int, trials)
        [name, startup, trials]
    }
    first_wave = searches.flatMap { name, startup, trials -> (0..<startup).collect { i -> [name, i] } }
    TRAIN_TRIAL(data.combine(first_wave).map { it + [[]] }.filter { upTo('train') }, tools_id)
    first_records = TRAIN_TRIAL.out.trial.map { model, bundle, rec -> [model, rec] }.groupTuple()
    second_wave = searches.flatMap { name, startup, trials -> (startup..<trials).collect { i -> [name, i] } }
        .combine(first_records, by: 0)                               // [name, i, [records of wave 1]]
    TRAIN_TRIAL_TPE(data.combine(second_wave).filter { upTo('train') }, tools_id)
    trials = TRAIN_TRIAL.out.trial.mix(TRAIN_TRIAL_TPE.out.trial)
    counts = searches.map { name, startup, trials -> [name, trials] }
    grouped = trials.combine(counts, by: 0)
        .map { model, bundle, rec, n -> tuple(groupKey(model, n), bundle, rec) }
        .groupTuple()
        .map { model, bundles, recs -> [model.toString(), bundles, recs] }
    SELECT_BEST(study_name.combine(grouped).filter { upTo('train') }, tools_id)

    final_models = TRAIN.out.model.mix(SELECT_BEST.out.model)
    EVALUATE(study_name.combine(final_models).combine(DATASET.out.splits).filter { upTo('evaluate') }, tools_id)

    // INFER after EVALUATE for the model the study's inference: block names (StudyLoader fills in the first model)
    inference = DATASET.out.study.map { f -> new groovy.json.JsonSlurperClassic().parse(f.toFile()).inference }.filter { it != null }
    evaluated = EVALUATE.out.metrics.map { m -> [m.parent.name, m] }          // [model, metrics.json]
    chosen = final_models.join(evaluated).combine(inference)                 // [model, bundle, metrics, inference]
        .filter { model, bundle, metrics, inf -> model == inf.model }
        .map { model, bundle, metrics, inf ->
            [model, bundle, metrics, inf, inf.data ? file(inf.data, checkIfExists: true) : [], inf.covariance ? file(inf.covariance, checkIfExists: true) : []] }
    INFER(study_name.combine(chosen).combine(DATASET.out.splits.map { it[0] })
            .map { s, model, bundle, metrics, inf, data, cov, train -> [s, model, bundle, metrics, train, inf, data, cov] }.filter { upTo('infer') }, tools_id)

    // INFER_CMB (issue 23) after EVALUATE of the TT, TE and EE emulators an `inference: {likelihood: cmb}` block names
    cmb = inference.filter { it.likelihood == 'cmb' }
    cmb_models = final_models.join(evaluated).combine(cmb)
        .filter { model, bundle, metrics, inf -> model in inf.models.values() }
        .map { model, bundle, metrics, inf -> [model, bundle] }
        .toSortedList { a, b -> a[0] <=> b[0] }                                   // waits for all three
    INFER_CMB(study_name.combine(cmb_models.combine(cmb).filter { it.size() > 1 }.map { it -> [it.init(), it.last()] })
                  .combine(DATASET.out.splits.map { it[2] })
                  .map { s, pairs, inf, test -> [s] + ['TT', 'TE', 'EE'].collect { sp -> pairs.find { it[0] == inf.models[sp] }[1] } + [test, inf] },
              tools_id)

    sidecars = DATASET.out.sidecars
        .mix(TRAIN.out.prov, TRAIN_TRIAL.out.prov, TRAIN_TRIAL_TPE.out.prov, SELECT_BEST.out.prov, EVALUATE.out.prov,
             INFER.out.prov.flatten(), INFER_CMB.out.prov.flatten())
        .toSortedList { a, b -> a.toString() <=> b.toString() }
    RECORD(sidecars, tools_id)

    emit:
    metrics = EVALUATE.out.metrics
}
