package io.emuflow.provenance;

/** The Nextflow run that `record` ingests sidecars for. */
public record RunInfo(String runName, String sessionId, String outdir, String nextflowVersion, String pipelineCommit) {}
