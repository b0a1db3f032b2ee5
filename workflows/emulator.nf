// The emulator workflow (parameters -> spectrum), shared by every study of kind 'emulator': the dataset,
// then one TRAIN task per model, or, for a model with a `search:` entry, one task per hyperparameter trial in
// waves (random start-up trials, then TPE waves that each learn from every trial finished before them, cached
// ones of a -resume included) and SELECT_BEST on validation loss; for a model whose `fine_tune:` has a `search:`,
// one FINE_TUNE_TRIAL task per fine-tuning trial in the same waves and SELECT_FINE_TUNE (kept only if validation
// improves); EVALUATE per model; COMPARE of the final models; INFER (posterior sampling) with the model a study's
// `inference:` block names; every sidecar into the provenance store.
include { DATASET     } from './dataset'
include { TRAIN       } from '../modules/local/train'
include { TRAIN_TRIAL } from '../modules/local/train_trial'
include { TRAIN_TRIAL as TRAIN_TRIAL_TPE  } from '../modules/local/train_trial'
include { TRAIN_TRIAL as TRAIN_TRIAL_TPE2 } from '../modules/local/train_trial'
include { TRAIN_TRIAL as TRAIN_TRIAL_TPE3 } from '../modules/local/train_trial'
include { SELECT_BEST } from '../modules/local/select_best'
include { FINE_TUNE_TRIAL } from '../modules/local/fine_tune_trial'
include { FINE_TUNE_TRIAL as FINE_TUNE_TRIAL_TPE  } from '../modules/local/fine_tune_trial'
include { FINE_TUNE_TRIAL as FINE_TUNE_TRIAL_TPE2 } from '../modules/local/fine_tune_trial'
include { FINE_TUNE_TRIAL as FINE_TUNE_TRIAL_TPE3 } from '../modules/local/fine_tune_trial'
include { SELECT_FINE_TUNE } from '../modules/local/select_fine_tune'
include { EVALUATE    } from '../modules/local/evaluate'
include { COMPARE     } from '../modules/local/compare'
include { INFER       } from '../modules/local/infer'
include { INFER_CMB   } from '../modules/local/infer_cmb'   // issue 23
include { RECORD      } from '../modules/local/record'
include { upTo     } from './stages'   // --stop_after gate

/**
 * [startup, trials, wave_size] of a search block (the defaults of SearchSpace and FineTuneSearch). Without
 * wave_size every TPE trial is in one wave.
 */
def waves(Map search) {
    int trials = (search.trials ?: 20) as int
    int startup = Math.min((search.startup_trials ?: Math.min(10, trials)) as int, trials)
    int size = (search.wave_size ?: Math.max(1, trials - startup)) as int
    return [startup, trials, size]
}

/**
 * Trial indices of wave w: wave 0 is the random start-up trials; waves 1, 2, 3 take wave_size TPE trials each,
 * and the third (the last one unrolled here) takes every trial left.
 */
def waveTrials(int startup, int trials, int size, int w) {
    if (w == 0) {
        return (0..<startup).toList()
    }
    int from = Math.min(trials, startup + (w - 1) * size)
    int to = w == 3 ? trials : Math.min(trials, from + size)
    return (from..<to).toList()
}

workflow EMULATOR {
    take:
    study_name
    study_file
    tools_id

    main:
    DATASET(study_name, study_file, tools_id)

    // [name, search, fine-tune search] per model of the resolved study
    resolved = DATASET.out.study.map { f -> new groovy.json.JsonSlurperClassic().parse(f.toFile()) }
    models = resolved.flatMap { s -> s.models.collect { m -> [m.name, m.search, m.fine_tune instanceof Map ? m.fine_tune.search : null] } }
    tuned_flags = models.map { name, search, ft -> [name, ft != null] }
    data = study_name.combine(DATASET.out.study).combine(DATASET.out.splits)   // [study, study.json, train, validation, test]
    // [model, [record files sorted by name]] of finished trials: sorted, so that a task's inputs (and its cache key) do not
    // depend on the order in which trials finished
    records = { ch -> ch.map { model, bundle, rec -> [model, rec] }.groupTuple().map { model, recs -> [model, recs.sort { it.name }] } }

    TRAIN(data.map { s, st, tr, va, te -> [s, st, tr, va] }.combine(models.filter { it[1] == null }.map { [it[0], it[2] != null] }).filter { upTo('train') }, tools_id)

    // the training search: wave 0 random, then up to three TPE waves, each learning from all earlier waves
    searches = models.filter { it[1] != null }.map { name, search, ft -> [name] + waves(search) }   // [name, startup, trials, size]
    wave = { w -> searches.flatMap { name, startup, trials, size -> waveTrials(startup, trials, size, w).collect { i -> [name, i] } } }
    TRAIN_TRIAL(data.combine(wave.call(0)).map { it + [[]] }.filter { upTo('train') }, tools_id)
    TRAIN_TRIAL_TPE(data.combine(wave.call(1).combine(records.call(TRAIN_TRIAL.out.trial), by: 0)).filter { upTo('train') }, tools_id)
    TRAIN_TRIAL_TPE2(data.combine(wave.call(2).combine(records.call(TRAIN_TRIAL.out.trial.mix(TRAIN_TRIAL_TPE.out.trial)), by: 0)).filter { upTo('train') }, tools_id)
    TRAIN_TRIAL_TPE3(data.combine(wave.call(3).combine(
        records.call(TRAIN_TRIAL.out.trial.mix(TRAIN_TRIAL_TPE.out.trial, TRAIN_TRIAL_TPE2.out.trial)), by: 0)).filter { upTo('train') }, tools_id)
    trials = TRAIN_TRIAL.out.trial.mix(TRAIN_TRIAL_TPE.out.trial, TRAIN_TRIAL_TPE2.out.trial, TRAIN_TRIAL_TPE3.out.trial)
    counts = searches.map { name, startup, n, size -> [name, n] }
    grouped = trials.combine(counts, by: 0)
        .map { model, bundle, rec, n -> tuple(groupKey(model, n), bundle, rec) }
        .groupTuple()
        .map { model, bundles, recs -> [model.toString(), bundles.sort { it.name }, recs.sort { it.name }] }
    SELECT_BEST(study_name.combine(grouped.join(tuned_flags)).filter { upTo('train') }, tools_id)

    // the fine-tuning search of models whose fine_tune has a search: block, on the trained (or selected) network
    trained = TRAIN.out.model.mix(SELECT_BEST.out.model)                                          // [model, bundle]
    ft_searches = models.filter { it[2] != null }.map { name, search, ft -> [name] + waves(ft) }   // [name, startup, trials, size]
    to_tune = trained.join(ft_searches)                                                           // [model, bundle, startup, trials, size]
    ft_wave = { w -> to_tune.flatMap { model, bundle, startup, n, size -> waveTrials(startup, n, size, w).collect { i -> [model, bundle, i] } } }
    FINE_TUNE_TRIAL(data.combine(ft_wave.call(0)).map { it + [[]] }.filter { upTo('train') }, tools_id)
    FINE_TUNE_TRIAL_TPE(data.combine(ft_wave.call(1).combine(records.call(FINE_TUNE_TRIAL.out.trial), by: 0)).filter { upTo('train') }, tools_id)
    FINE_TUNE_TRIAL_TPE2(data.combine(ft_wave.call(2).combine(records.call(FINE_TUNE_TRIAL.out.trial.mix(FINE_TUNE_TRIAL_TPE.out.trial)), by: 0)).filter { upTo('train') }, tools_id)
    FINE_TUNE_TRIAL_TPE3(data.combine(ft_wave.call(3).combine(
        records.call(FINE_TUNE_TRIAL.out.trial.mix(FINE_TUNE_TRIAL_TPE.out.trial, FINE_TUNE_TRIAL_TPE2.out.trial)), by: 0)).filter { upTo('train') }, tools_id)
    ft_trials = FINE_TUNE_TRIAL.out.trial.mix(FINE_TUNE_TRIAL_TPE.out.trial, FINE_TUNE_TRIAL_TPE2.out.trial, FINE_TUNE_TRIAL_TPE3.out.trial)
    ft_grouped = ft_trials.combine(to_tune.map { model, bundle, startup, n, size -> [model, n] }, by: 0)
        .map { model, bundle, rec, n -> tuple(groupKey(model, n), bundle, rec) }
        .groupTuple()
        .map { model, bundles, recs -> [model.toString(), bundles.sort { it.name }, recs.sort { it.name }] }
        .join(to_tune.map { model, bundle, startup, n, size -> [model, bundle] })              // [model, bundles, records, base]
    SELECT_FINE_TUNE(study_name.combine(ft_grouped).filter { upTo('train') }, tools_id)

    final_models = trained.join(tuned_flags).filter { model, bundle, tuned -> !tuned }.map { model, bundle, tuned -> [model, bundle] }
        .mix(SELECT_FINE_TUNE.out.model)
    EVALUATE(study_name.combine(final_models).combine(DATASET.out.splits).filter { upTo('evaluate') }, tools_id)
    evaluated = EVALUATE.out.metrics.map { m -> [m.parent.name, m] }          // [model, metrics.json]

    // COMPARE after EVALUATE: the models of the study's `compare: {models: [...]}`, or all of its final models
    compared_names = resolved.flatMap { s ->
        def all = s.models.collect { it.name }
        def wanted = s.compare?.models ?: all
        def unknown = wanted.findAll { !(it in all) }
        if (unknown) {
            error("study ${s.name}: compare: models ${unknown} are not models of the study (${all})")
        }
        wanted.collect { [it] }
    }
    to_compare = final_models.join(evaluated).join(compared_names)            // [model, bundle, metrics]
        .toSortedList { a, b -> a[0] <=> b[0] }
        .filter { it.size() > 0 }
        .map { items -> [items.collect { it[1] }] }
    COMPARE(study_name.combine(to_compare).combine(DATASET.out.splits.map { it[2] }).filter { upTo('evaluate') }, tools_id)

    // INFER after EVALUATE for the model the study's inference: block names (StudyLoader fills in the first model)
    inference = resolved.map { s -> s.inference }.filter { it != null }
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
    // [pairs] keeps the list one item when it is empty (a run stopped before TRAIN): combine would flatten it away
    INFER_CMB(study_name.combine(cmb_models.map { pairs -> [pairs] }.combine(cmb).filter { pairs, inf -> pairs.size() > 0 })
                  .combine(DATASET.out.splits.map { it[2] })
                  .map { s, pairs, inf, test -> [s] + ['TT', 'TE', 'EE'].collect { sp -> pairs.find { it[0] == inf.models[sp] }[1] } + [test, inf] }
                  .filter { upTo('infer') },
              tools_id)

    sidecars = DATASET.out.sidecars
        .mix(TRAIN.out.prov, TRAIN_TRIAL.out.prov, TRAIN_TRIAL_TPE.out.prov, TRAIN_TRIAL_TPE2.out.prov, TRAIN_TRIAL_TPE3.out.prov,
             SELECT_BEST.out.prov, FINE_TUNE_TRIAL.out.prov, FINE_TUNE_TRIAL_TPE.out.prov, FINE_TUNE_TRIAL_TPE2.out.prov,
             FINE_TUNE_TRIAL_TPE3.out.prov, SELECT_FINE_TUNE.out.prov, EVALUATE.out.prov, COMPARE.out.prov, INFER.out.prov.flatten(),
             INFER_CMB.out.prov.flatten())
        .toSortedList { a, b -> a.toString() <=> b.toString() }
    RECORD(sidecars, tools_id)

    emit:
    metrics = EVALUATE.out.metrics
}
