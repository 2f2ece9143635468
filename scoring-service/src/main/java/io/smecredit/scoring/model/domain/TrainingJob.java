package io.smecredit.scoring.model.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An asynchronous training run from platform history, with the progress its training thread reports. */
@Entity
@Table(name = "training_job")
public class TrainingJob {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    @Id
    public UUID id;

    @Column(nullable = false)
    public String status;

    public String stage;

    @Column(nullable = false)
    public int done;

    @Column(nullable = false)
    public int total;

    /** JSON of the request that started the job. */
    @Column(nullable = false)
    public String request;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "model_version")
    public String modelVersion;

    /** The service instance whose thread runs the job. */
    @Column(name = "instance_id")
    public String instanceId;

    /** Refreshed by the owning instance while the job is queued or running; a stale one means the owner is gone. */
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;
}
