-- Roles for a group's EmuFlow provenance store on PostgreSQL (docs/provenance.md, "Roles").
-- Run once per store database, as its owner or a superuser, AFTER `emuflow db upgrade --db URL` created the tables
-- (and again after each upgrade that adds tables):
--     psql -d emuflow -f conf/postgresql/roles.sql
-- Then give people logins in one of the two roles, e.g.
--     CREATE ROLE alice LOGIN PASSWORD '...' IN ROLE emuflow_writer;   -- runs the pipeline (RECORD)
--     CREATE ROLE bob   LOGIN PASSWORD '...' IN ROLE emuflow_reader;   -- audit, export, report
-- The writer may read, insert and update, never delete: recorded history only grows (audit verify checks it).
-- Schema changes (`emuflow db upgrade`) stay with the database owner.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'emuflow_writer') THEN
        CREATE ROLE emuflow_writer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'emuflow_reader') THEN
        CREATE ROLE emuflow_reader NOLOGIN;
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO emuflow_writer, emuflow_reader', current_database());
END
$$;

GRANT USAGE ON SCHEMA public TO emuflow_writer, emuflow_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO emuflow_reader;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO emuflow_writer;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO emuflow_writer;
