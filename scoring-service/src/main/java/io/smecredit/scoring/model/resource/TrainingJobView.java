package io.smecredit.scoring.model.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smecredit.scoring.model.domain.TrainingJob;

import java.time.Instant;
import java.util.UUID;

/** A training job as an operator follows it: status, what it is doing, how far it got, and the outcome. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingJobView(UUID id, String status, String stage, int done, int total, Double progress,
                              String requestedBy, Instant requestedAt, Instant startedAt, Instant finishedAt,
                              String failureReason, String modelVersion) {

    static TrainingJobView of(TrainingJob job) {
        Double progress = job.total > 0 ? Math.min(1.0, (double) job.done / job.total) : null;
        return new TrainingJobView(job.id, job.status, job.stage, job.done, job.total, progress, job.requestedBy,
                job.requestedAt, job.startedAt, job.finishedAt, job.failureReason, job.modelVersion);
    }
}
