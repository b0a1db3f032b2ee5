-- EmuFlow provenance store, version 2: hyperparameter trials (issue 6), and the Nextflow process of an execution.
-- A trial is one training of a model with one choice of hyperparameters; the chosen model is one of them.
-- Forward only: this migration only adds; databases made by version 1 keep every row.

CREATE TABLE hyperparameter_trial (
    execution_id    BIGINT NOT NULL REFERENCES step_execution (id),
    search_name     VARCHAR(200) NOT NULL,
    trial           INT NOT NULL,
    hyperparameters CLOB NOT NULL,
    objective_name  VARCHAR(100),
    objective       DOUBLE PRECISION,
    model_sha256    CHAR(64) REFERENCES artifact (sha256),
    PRIMARY KEY (execution_id, search_name, trial)
);

-- the Nextflow process name (e.g. PK_EMULATOR:SIMULATE (3)) when the step knows it
ALTER TABLE step_execution ADD COLUMN task_name VARCHAR(400);

CREATE INDEX metric_split_name ON metric (split_name, metric_name);
