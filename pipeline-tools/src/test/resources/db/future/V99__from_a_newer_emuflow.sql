-- Test only: stands for a migration of a future emuflow, to check that an older emuflow refuses the database.
CREATE TABLE added_by_a_future_version (id INT);
