-- When an execution was first sent to its device. dispatched_at is cleared at start-up for in-flight executions so
-- that they are sent again; this is not, so an execution the device got before a crash is never failed as
-- NEVER_DELIVERED (the device may be at work on it): unanswered, it times out counted from its first sending.
ALTER TABLE execution ADD COLUMN first_sent_at TIMESTAMP WITH TIME ZONE;
UPDATE execution SET first_sent_at = COALESCE(dispatched_at, updated_at) WHERE dispatched_at IS NOT NULL OR device_version > 0;
