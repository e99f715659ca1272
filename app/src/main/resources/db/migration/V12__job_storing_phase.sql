-- A run's storing phase as an explicit state (job.Storing: STORING -> STORED, or ABANDONED by a stop) instead of
-- "storing_after is not null". storing_after stays the cursor where a STORING job resumes.
ALTER TABLE job ADD COLUMN storing VARCHAR(16);
UPDATE job SET storing = 'STORING' WHERE storing_after IS NOT NULL;
UPDATE job SET storing = 'STORED' WHERE storing IS NULL AND started_at IS NOT NULL;
