package io.smecredit.scoring.model.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.smecredit.scoring.model.domain.TrainingJob;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class TrainingJobRepository implements PanacheRepositoryBase<TrainingJob, UUID> {

    public Uni<Integer> markRunning(UUID id, Instant at) {
        return update("status = ?1, startedAt = ?2 where id = ?3", TrainingJob.RUNNING, at, id);
    }

    public Uni<Integer> progress(UUID id, String stage, int done, int total) {
        return update("stage = ?1, done = ?2, total = ?3 where id = ?4", stage, done, total, id);
    }

    public Uni<Integer> succeeded(UUID id, String modelVersion, Instant at) {
        return update("status = ?1, modelVersion = ?2, finishedAt = ?3, done = total where id = ?4",
                TrainingJob.SUCCEEDED, modelVersion, at, id);
    }

    public Uni<Integer> failed(UUID id, String reason, Instant at) {
        return update("status = ?1, failureReason = ?2, finishedAt = ?3 where id = ?4",
                TrainingJob.FAILED, reason, at, id);
    }
}
