package io.smecredit.scoring.model.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.model.CreditModelTrainer;
import io.smecredit.model.Dataset;
import io.smecredit.model.ModelArtifact;
import io.smecredit.model.ProgressListener;
import io.smecredit.model.TrainingOptions;
import io.smecredit.scoring.history.domain.OutcomeLabel;
import io.smecredit.scoring.history.repository.TrainingHistoryRepository;
import io.smecredit.scoring.history.repository.TrainingHistoryRepository.LabelledSnapshot;
import io.smecredit.scoring.history.service.PlatformHistoryDataset;
import io.smecredit.scoring.model.domain.TrainingJob;
import io.smecredit.scoring.model.repository.TrainingJobRepository;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Trains candidate models from platform history (consumed feature snapshots joined with outcome labels) as
 * asynchronous jobs. Jobs run one at a time on a dedicated thread, never on an event loop or the shared worker
 * pool: training occupies {@code scoring.training.threads} cores for seconds to minutes. Progress reported by the
 * trainer is written to the job row, at most every {@link #PROGRESS_WRITE_INTERVAL_MS} ms, so any instance can
 * answer for it. A successful job registers its model as candidate; an operator decides whether to promote it.
 */
@ApplicationScoped
public class TrainingJobs {

    public static final String SOURCE = "platform-history";
    static final long PROGRESS_WRITE_INTERVAL_MS = 500;
    private static final Logger LOG = Logger.getLogger(TrainingJobs.class);

    private final TrainingJobRepository jobs;
    private final TrainingHistoryRepository history;
    private final ModelRegistry registry;
    private final ObjectMapper json;
    private final int minLabelledRows;
    private final int minDefaults;
    private final int threads;
    private final long seed;
    private final java.time.Duration timeout;
    private final Clock clock = Clock.systemUTC();
    /** Identifies this instance as the owner of the jobs it runs (see {@link TrainingJobWatchdog}). */
    private final String instanceId = UUID.randomUUID().toString();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "model-training");
        thread.setDaemon(true);
        return thread;
    });

    public TrainingJobs(TrainingJobRepository jobs, TrainingHistoryRepository history, ModelRegistry registry,
                        ObjectMapper json,
                        @ConfigProperty(name = "scoring.training.min-labelled-rows") int minLabelledRows,
                        @ConfigProperty(name = "scoring.training.min-defaults") int minDefaults,
                        @ConfigProperty(name = "scoring.training.threads") int threads,
                        @ConfigProperty(name = "scoring.training.seed") long seed,
                        @ConfigProperty(name = "scoring.training.timeout") java.time.Duration timeout) {
        this.timeout = timeout;
        this.jobs = jobs;
        this.history = history;
        this.registry = registry;
        this.json = json;
        this.minLabelledRows = minLabelledRows;
        this.minDefaults = minDefaults;
        this.threads = threads;
        this.seed = seed;
    }

    public Uni<TrainingJob> start(TrainingCommand command, String actor) {
        TrainingCommand effective = effective(command);
        TrainingJob job = new TrainingJob();
        job.id = UUID.randomUUID();
        job.status = TrainingJob.QUEUED;
        job.stage = "queued";
        job.request = write(effective);
        job.requestedBy = actor;
        job.requestedAt = clock.instant();
        job.instanceId = instanceId;
        job.heartbeatAt = job.requestedAt;
        return Panache.withTransaction(() -> jobs.persist(job))
                .invoke(saved -> executor.execute(() -> run(saved.id, effective, actor)));
    }

    public String instanceId() {
        return instanceId;
    }

    public Uni<List<TrainingJob>> newest(int limit) {
        return Panache.withSession(() -> jobs.newest(limit));
    }

    public Uni<TrainingJob> find(UUID id) {
        return Panache.withSession(() -> jobs.findById(id))
                .onItem().ifNull().failWith(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "No training job " + id + "."));
    }

    private TrainingCommand effective(TrainingCommand request) {
        Instant from = request == null || request.from() == null ? Instant.EPOCH : request.from();
        Instant to = request == null || request.to() == null ? clock.instant() : request.to();
        if (!from.isBefore(to)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "from must be before to",
                    List.of(new Problem.FieldError("from", "must be before to (" + to + ")")));
        }
        // No snapshot is as of a future time, let alone labelled: such a job could only fail after starting.
        Instant labelledUntil = OutcomeLabel.labelledUntil(clock.instant());
        if (!from.isBefore(labelledUntil)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "from is too recent to train on",
                    List.of(new Problem.FieldError("from", "must be before " + labelledUntil + ": a snapshot is "
                            + "labelled only once its 12-month outcome window has passed")));
        }
        boolean search = request != null && Boolean.TRUE.equals(request.hyperparameterSearch());
        return new TrainingCommand(from, to, search);
    }

    private void run(UUID id, TrainingCommand request, String actor) {
        try {
            Instant started = clock.instant();
            Integer claimed = await(() -> Panache.withTransaction(() -> jobs.markRunning(id, started)));
            if (claimed == 0) {
                LOG.infof("Training job %s is no longer queued (failed while waiting); not running it", id);
                return;
            }
            Instant deadline = started.plus(timeout);
            await(() -> Panache.withTransaction(() -> jobs.progress(id, "reading platform history", 0, 1)));
            Instant labelsAsOf = clock.instant();
            var snapshots = await(() -> Panache.withSession(() -> history.labelled(FeatureDictionary.SCHEMA_VERSION,
                    request.from(), request.to(), labelsAsOf)));
            Dataset data = PlatformHistoryDataset.build(FeatureDictionary.names(), snapshots, json);
            String shortage = shortage(data, request);
            if (shortage != null) {
                fail(id, shortage);
                return;
            }
            TrainingOptions options = BootstrapModel.dictionaryOptions().withThreads(threads).withSeed(seed)
                    .withHyperparameterSearch(Boolean.TRUE.equals(request.hyperparameterSearch()));
            // One SME's daily snapshots stay in one internal fold: validating on a borrower's other days rewards
            // recognising the borrower, not predicting default.
            String[] smeOfRow = snapshots.stream().map(LabelledSnapshot::smeId).toArray(String[]::new);
            // What an auditor needs to rebuild the training set: the window, and when the labels were read.
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("training_job", id.toString());
            provenance.put("history_from", request.from().toString());
            provenance.put("history_to", request.to().toString());
            provenance.put("labels_as_of", labelsAsOf.toString());
            provenance.put("label_horizon_months", OutcomeLabel.HORIZON.toTotalMonths());
            provenance.put("training_smes", Arrays.stream(smeOfRow).distinct().count());
            ModelArtifact artifact = BootstrapModel.withDictionarySchema(
                    new CreditModelTrainer().train(data, smeOfRow, options, progressWriter(id, deadline)), provenance);
            checkDeadline(deadline);
            await(() -> registry.registerCandidate(artifact, SOURCE, actor));
            await(() -> Panache.withTransaction(() -> jobs.succeeded(id, artifact.version(), clock.instant())));
            LOG.infof("Training job %s registered candidate %s (%d rows, %d defaults)", id, artifact.version(),
                    data.rows(), data.positives());
        } catch (TimedOut e) {
            LOG.warnf("Training job %s stopped: %s", id, e.getMessage());
            fail(id, e.getMessage());
        } catch (Throwable e) {
            LOG.errorf(e, "Training job %s failed", id);
            fail(id, "Training failed: " + e.getMessage());
        }
    }

    /** Thrown from the trainer's progress callback, which it calls every boosting round, to stop a job in time. */
    static final class TimedOut extends RuntimeException {
        TimedOut(String message) {
            super(message, null, false, false);
        }
    }

    private void checkDeadline(Instant deadline) {
        if (clock.instant().isAfter(deadline)) {
            throw new TimedOut("timed out: running longer than " + timeout + " (scoring.training.timeout)");
        }
    }

    /** Why the data cannot train an honest model, or null when it can. */
    String shortage(Dataset data, TrainingCommand request) {
        int defaults = data.positives();
        int nonDefaults = data.rows() - defaults;
        if (data.rows() >= minLabelledRows && defaults >= minDefaults && nonDefaults >= minDefaults) {
            return null;
        }
        return "Too few labelled rows to train: " + data.rows() + " labelled snapshots (" + defaults + " defaults, "
                + nonDefaults + " non-defaults) of feature schema " + FeatureDictionary.SCHEMA_VERSION + " with asOf in ["
                + request.from() + ", " + request.to() + "); training needs at least " + minLabelledRows
                + " rows and " + minDefaults + " of each class. A snapshot is labelled once a DEFAULTED outcome follows"
                + " it within 12 months or 12 months have passed without one, so only snapshots as of before "
                + OutcomeLabel.labelledUntil(clock.instant())
                + " can count (a demo can get such history and outcomes with './platform simulate history --days 540 --publish-outcomes').";
    }

    private ProgressListener progressWriter(UUID id, Instant deadline) {
        return new ProgressListener() {
            private long lastWrite;
            private String lastStage;

            @Override
            public void onProgress(String stage, int done, int total) {
                checkDeadline(deadline);
                long now = System.currentTimeMillis();
                if (stage.equals(lastStage) && now - lastWrite < PROGRESS_WRITE_INTERVAL_MS) {
                    return;
                }
                lastStage = stage;
                lastWrite = now;
                String shown = stage.length() > 200 ? stage.substring(0, 200) : stage;
                try {
                    await(() -> Panache.withTransaction(() -> jobs.progress(id, shown, done, total)));
                } catch (Throwable e) {
                    // Progress is informative; a failed write must not abort a training that is going well.
                    LOG.debugf("Could not record progress of job %s: %s", id, e);
                }
            }
        };
    }

    private void fail(UUID id, String reason) {
        try {
            await(() -> Panache.withTransaction(() -> jobs.failed(id, reason, clock.instant())));
        } catch (Throwable e) {
            LOG.errorf(e, "Could not record failure of training job %s: %s", id, reason);
        }
    }

    // The job row records the effective request in the shape an operator sends it (TrainingRequest's JSON).
    private String write(TrainingCommand request) {
        try {
            return json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(work);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
