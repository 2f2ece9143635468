package io.smecredit.scoring.model.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.smecredit.scoring.model.domain.TrainingJob;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TrainingJobRepository implements PanacheRepositoryBase<TrainingJob, UUID> {

    /** 0 when the job is no longer queued (another instance failed it as abandoned): it must not run then. */
    /** The newest jobs first: an operator who lost a job's Location finds it here. */
    public Uni<List<TrainingJob>> newest(int limit) {
        return find("order by requestedAt desc, id").page(0, limit).list();
    }

    public Uni<Integer> markRunning(UUID id, Instant at) {
        return update("status = ?1, startedAt = ?2, heartbeatAt = ?2 where id = ?3 and status = ?4",
                TrainingJob.RUNNING, at, id, TrainingJob.QUEUED);
    }

    public Uni<Integer> progress(UUID id, String stage, int done, int total) {
        return update("stage = ?1, done = ?2, total = ?3 where id = ?4", stage, done, total, id);
    }

    /** Only a running job can succeed: one already failed (timed out, or taken for abandoned) stays failed. */
    public Uni<Integer> succeeded(UUID id, String modelVersion, Instant at) {
        return update("status = ?1, modelVersion = ?2, finishedAt = ?3, done = total where id = ?4 and status = ?5",
                TrainingJob.SUCCEEDED, modelVersion, at, id, TrainingJob.RUNNING);
    }

    /** A finished job keeps its outcome; the first failure reason recorded is the one kept. */
    public Uni<Integer> failed(UUID id, String reason, Instant at) {
        return update("status = ?1, failureReason = ?2, finishedAt = ?3 where id = ?4 and status in (?5, ?6)",
                TrainingJob.FAILED, reason, at, id, TrainingJob.QUEUED, TrainingJob.RUNNING);
    }

    public Uni<Integer> heartbeat(String instanceId, Instant at) {
        return update("heartbeatAt = ?1 where instanceId = ?2 and status in (?3, ?4)",
                at, instanceId, TrainingJob.QUEUED, TrainingJob.RUNNING);
    }

    /**
     * Fails the unfinished jobs of other instances whose last heartbeat (or, for rows from before heartbeats,
     * their start or request) is older than {@code staleBefore}: their instance stopped and cannot finish them.
     */
    public Uni<Integer> failAbandoned(String liveInstanceId, Instant staleBefore, String reason, Instant at) {
        return update("status = ?1, failureReason = ?2, finishedAt = ?3 where status in (?4, ?5)"
                        + " and (instanceId is null or instanceId <> ?6)"
                        + " and coalesce(heartbeatAt, startedAt, requestedAt) < ?7",
                TrainingJob.FAILED, reason, at, TrainingJob.QUEUED, TrainingJob.RUNNING, liveInstanceId, staleBefore);
    }

    /** Fails every running job started before {@code startedBefore}, whichever instance runs it. */
    public Uni<Integer> failTimedOut(Instant startedBefore, String reason, Instant at) {
        return update("status = ?1, failureReason = ?2, finishedAt = ?3 where status = ?4 and startedAt < ?5",
                TrainingJob.FAILED, reason, at, TrainingJob.RUNNING, startedBefore);
    }
}
