-- Jobs deleted (through the API or by the retention purge) whose executions are still being deleted. The job's row,
-- counts and chosen devices go in the same transaction that queues it, so from that commit on no read sees the job;
-- its executions are then deleted in the background (JobPurger), batch by batch by primary key, and the queue row
-- goes once none is left, so a purge cut short by a crash resumes at the next start. remaining: the job's executions
-- when queued, lowered by each batch (the fleet_purge_backlog_executions gauge). There is no foreign key from
-- execution to job, so the executions may outlive their job's row; every read of executions joins the job.
CREATE TABLE job_purge (
    job_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    queued_at TIMESTAMP WITH TIME ZONE NOT NULL,
    remaining BIGINT      NOT NULL
);
