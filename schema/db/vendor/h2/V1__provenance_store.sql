-- EmuFlow provenance store, version 1 (DESIGN.md section 6).
-- An artifact is identified by its sha256; step executions by the sha256 of their sidecar, which makes
-- ingesting the same sidecar twice a no-op.

CREATE TABLE run (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    run_name         VARCHAR(200) NOT NULL UNIQUE,
    session_id       VARCHAR(64),
    outdir           VARCHAR(4000),
    nextflow_version VARCHAR(40),
    pipeline_commit  VARCHAR(64),
    recorded_utc     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE artifact (
    sha256 CHAR(64) PRIMARY KEY,
    kind   VARCHAR(40) NOT NULL,
    bytes  BIGINT NOT NULL,
    shape  VARCHAR(200)
);

-- where an artifact was published (a file can be published by several runs)
CREATE TABLE artifact_location (
    sha256 CHAR(64) NOT NULL REFERENCES artifact (sha256),
    path   VARCHAR(4000) NOT NULL,
    PRIMARY KEY (sha256, path)
);

CREATE TABLE step_execution (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    sidecar_sha256 CHAR(64) NOT NULL UNIQUE,
    step           VARCHAR(40) NOT NULL,
    study          VARCHAR(200) NOT NULL,
    tool_version   VARCHAR(100) NOT NULL,
    git_commit     VARCHAR(64),
    command_line   CLOB NOT NULL,
    settings       CLOB NOT NULL,
    seed           BIGINT,
    started_utc    TIMESTAMP WITH TIME ZONE,
    ended_utc      TIMESTAMP WITH TIME ZONE,
    host           VARCHAR(200),
    task_hash      VARCHAR(64),
    work_dir       VARCHAR(4000),
    sidecar        CLOB NOT NULL
);

CREATE TABLE step_input (
    execution_id BIGINT NOT NULL REFERENCES step_execution (id),
    sha256       CHAR(64) NOT NULL REFERENCES artifact (sha256),
    role         VARCHAR(60) NOT NULL,
    path         VARCHAR(4000) NOT NULL,
    PRIMARY KEY (execution_id, sha256, role)
);

CREATE TABLE step_output (
    execution_id BIGINT NOT NULL REFERENCES step_execution (id),
    sha256       CHAR(64) NOT NULL REFERENCES artifact (sha256),
    role         VARCHAR(60) NOT NULL,
    path         VARCHAR(4000) NOT NULL,
    PRIMARY KEY (execution_id, sha256, role)
);
CREATE INDEX step_output_sha ON step_output (sha256);
CREATE INDEX step_input_sha ON step_input (sha256);

-- which runs used an execution (a resumed run reuses the cached executions of an earlier one)
CREATE TABLE run_step (
    run_id       BIGINT NOT NULL REFERENCES run (id),
    execution_id BIGINT NOT NULL REFERENCES step_execution (id),
    PRIMARY KEY (run_id, execution_id)
);

CREATE TABLE model (
    sha256       CHAR(64) PRIMARY KEY REFERENCES artifact (sha256),
    name         VARCHAR(200) NOT NULL,
    study        VARCHAR(200) NOT NULL,
    target       VARCHAR(100),
    execution_id BIGINT NOT NULL REFERENCES step_execution (id)
);

CREATE TABLE metric (
    model_sha256 CHAR(64) NOT NULL REFERENCES model (sha256),
    split_name   VARCHAR(40) NOT NULL,
    metric_name  VARCHAR(100) NOT NULL,
    metric_value DOUBLE PRECISION NOT NULL,
    execution_id BIGINT NOT NULL REFERENCES step_execution (id),
    PRIMARY KEY (model_sha256, split_name, metric_name)
);
