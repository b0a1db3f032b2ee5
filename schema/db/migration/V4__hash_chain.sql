-- EmuFlow provenance store, version 4: tamper evidence (issue 26, docs/provenance.md "Tamper evidence").
-- Each step execution carries the sha256 of its record (its own columns and the rows it owns: inputs, outputs,
-- models, metrics, trials; RecordHash.java), and each run a hash chain over the records it used, in the order it
-- recorded them: link = sha256(previous link, position, record hash), starting from a hash of the run's own row.
-- The run keeps the last link (its head). `emuflow audit verify` recomputes all of them from the stored columns.
-- Forward only: rows recorded before this version have no hashes and are reported as unchained, not as altered.

ALTER TABLE step_execution ADD COLUMN record_sha256 CHAR(64);
ALTER TABLE run_step ADD COLUMN seq INTEGER;
ALTER TABLE run_step ADD COLUMN prev_sha256 CHAR(64);
ALTER TABLE run_step ADD COLUMN link_sha256 CHAR(64);
ALTER TABLE run ADD COLUMN head_sha256 CHAR(64);
