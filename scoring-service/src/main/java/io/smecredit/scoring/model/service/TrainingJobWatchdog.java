package io.smecredit.scoring.model.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smecredit.scoring.model.repository.TrainingJobRepository;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the training-job table truthful when a job cannot finish by itself. A job runs on one instance's thread;
 * if that instance crashes or restarts, the row would say {@code running} forever. So every instance refreshes the
 * heartbeat of its own unfinished jobs, and at startup and on every tick fails the jobs of other instances whose
 * heartbeat is older than {@code scoring.training.abandoned-after} ("interrupted: service restarted"). It also
 * fails any job running longer than {@code scoring.training.timeout}; the owning thread notices at its next
 * progress report and stops boosting.
 */
@ApplicationScoped
public class TrainingJobWatchdog {

    public static final String INTERRUPTED = "interrupted: service restarted";
    private static final Logger LOG = Logger.getLogger(TrainingJobWatchdog.class);

    private final TrainingJobRepository jobs;
    private final TrainingJobs training;
    private final Duration abandonedAfter;
    private final Duration timeout;
    private final Clock clock = Clock.systemUTC();

    public TrainingJobWatchdog(TrainingJobRepository jobs, TrainingJobs training,
                               @ConfigProperty(name = "scoring.training.abandoned-after") Duration abandonedAfter,
                               @ConfigProperty(name = "scoring.training.timeout") Duration timeout) {
        this.jobs = jobs;
        this.training = training;
        this.abandonedAfter = abandonedAfter;
        this.timeout = timeout;
    }

    void onStart(@Observes @Priority(30) StartupEvent startup) {
        tick();
    }

    @Scheduled(every = "${scoring.training.heartbeat-interval}", delayed = "${scoring.training.heartbeat-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            VertxContextSupport.subscribeAndAwait(this::sweep);
        } catch (Throwable e) {
            // The next tick retries; a briefly unreachable database must not stop the service.
            LOG.warnf("Could not check training jobs: %s", e.toString());
        }
    }

    /** Refreshes this instance's heartbeats, then fails abandoned and timed-out jobs; the number failed. */
    public Uni<Integer> sweep() {
        Instant now = clock.instant();
        String self = training.instanceId();
        return Panache.withTransaction(() -> jobs.heartbeat(self, now)
                        .chain(() -> jobs.failAbandoned(self, now.minus(abandonedAfter), INTERRUPTED
                                + " (the instance running it stopped sending heartbeats for more than "
                                + abandonedAfter + ")", now))
                        .chain(abandoned -> jobs.failTimedOut(now.minus(timeout), "timed out: running longer than "
                                + timeout + " (scoring.training.timeout)", now).map(timedOut -> abandoned + timedOut)))
                .invoke(failed -> {
                    if (failed > 0) {
                        LOG.warnf("Marked %d interrupted or timed-out training job(s) as failed", failed);
                    }
                });
    }
}
