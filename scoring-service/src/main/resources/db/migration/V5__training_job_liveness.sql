-- A training job runs on the thread of one service instance. If that instance stops (crash, restart, scale-in),
-- nothing would ever finish the job: the owner and its heartbeat let any instance see that and fail it.
ALTER TABLE training_job ADD COLUMN instance_id  varchar(64);
ALTER TABLE training_job ADD COLUMN heartbeat_at timestamptz;
CREATE INDEX training_job_unfinished ON training_job (status) WHERE status IN ('queued', 'running');
