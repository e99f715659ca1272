-- A running job whose executions are still being stored, in device id order, after this device id (NULL: all
-- stored). Lets the run call answer at once and the storing resume after a restart.
ALTER TABLE job ADD COLUMN storing_after VARCHAR(128);
