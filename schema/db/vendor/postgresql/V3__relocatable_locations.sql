-- EmuFlow provenance store, version 3: where an artifact was published is recorded relative to the run's output
-- folder (issue 19), with that folder's absolute path kept beside it as a note, so that a results folder that is
-- copied, moved or archived can still be verified at its new place (`audit verify --outdir <copy>`).
-- Locations outside any output folder (steps run by hand) keep an absolute path and an empty outdir.
-- Forward only: rows of earlier versions keep their absolute paths (outdir '') and mean what they meant.

ALTER TABLE artifact_location ADD COLUMN outdir VARCHAR(4000) DEFAULT '' NOT NULL;
-- PostgreSQL names the primary key of V1 <table>_pkey and has no DROP PRIMARY KEY
ALTER TABLE artifact_location DROP CONSTRAINT artifact_location_pkey;
ALTER TABLE artifact_location ADD PRIMARY KEY (sha256, outdir, path);

-- every location as the absolute path it had when it was recorded (what lineage answers show)
CREATE VIEW artifact_place AS
    SELECT sha256, CASE WHEN outdir = '' THEN path ELSE outdir || '/' || path END AS path, outdir, path AS relative_path
    FROM artifact_location;
