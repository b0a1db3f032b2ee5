// One table over the models of an inverse study (one row per model: inputs, and per parameter the mean and std of
// true - predicted, RMSE and R^2 on the test split), e.g. the channel combinations of the box-cnn study.
process SUMMARIZE_INVERSE {
    tag "${study_name}"
    label 'process_single'
    container params.tools_image
    publishDir "${params.outdir}/${study_name}/evaluation", mode: params.publish_dir_mode

    input:
    // every model's file is named metrics.json: each is staged in its own numbered folder
    tuple val(study_name), path(metrics, stageAs: 'model*/metrics.json')
    val tools_id

    output:
    path "summary/summary.json",           emit: summary
    path "summary/summary.md",             emit: table
    path "summary/summary.json.prov.json", emit: prov

    script:
    """
    export EMUFLOW_TASK_NAME='${task.process} (${task.tag})' EMUFLOW_SESSION_ID='${workflow.sessionId}'
    emuflow summarize-inverse --metrics ${metrics.join(',')} --split test --out-dir summary
    """
}
