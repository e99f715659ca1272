-- Sending an execution no longer writes its row: the engine keeps what it sent in memory (InFlight), so after it is
-- stored an execution costs one row write, its final state (which also records dispatched_at, when it was last sent).
-- The index that found timeouts by sending time goes, and first_sent_at with it. stored_at: when the row was stored,
-- so that after a restart the engine knows which executions an earlier process may have sent (those stored before it
-- started; NULL for rows from before this version counts as such).
DROP INDEX ix_execution_job_dispatched;
ALTER TABLE execution DROP COLUMN first_sent_at;
ALTER TABLE execution ADD COLUMN stored_at TIMESTAMP WITH TIME ZONE;
