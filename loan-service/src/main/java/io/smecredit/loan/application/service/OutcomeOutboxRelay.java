package io.smecredit.loan.application.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes committed outcome events from the outbox to credit.outcomes.v1 (idempotent producer, acks=all, keyed by
 * SME id), then marks them sent. Rows are claimed with a lease and SKIP LOCKED, so several instances never send the
 * same row at once and no transaction stays open while Kafka acknowledges. Anything unsent — a failed publish, a
 * crash before the mark — is claimed again once its lease runs out, so an event can arrive twice but is never lost;
 * consumers deduplicate by eventId. A recorded outcome wakes the relay at once; a timer covers the rest.
 */
@ApplicationScoped
public class OutcomeOutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutcomeOutboxRelay.class);
    private static final int BATCH = 100;

    // Oldest first, so the outcomes of one credit reach the topic in the order they were recorded.
    private static final String CLAIM_DUE = """
            UPDATE outcome_outbox SET next_attempt_at = now() + make_interval(secs => $1), attempts = attempts + 1
            WHERE event_id IN (SELECT event_id FROM outcome_outbox
                               WHERE sent_at IS NULL AND next_attempt_at <= now()
                               ORDER BY created_at, event_id LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING event_id, sme_id, payload, created_at
            """;

    private final Pool db;
    private final Vertx vertx;
    private final MutinyEmitter<String> publisher;
    private final Duration pollInterval;
    private final Duration lease;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private long timerId = -1;

    public OutcomeOutboxRelay(Pool db, Vertx vertx, @Channel("outcomes-out") MutinyEmitter<String> publisher,
                              @ConfigProperty(name = "loan.outbox.poll-interval") Duration pollInterval,
                              @ConfigProperty(name = "loan.outbox.lease") Duration lease) {
        this.db = db;
        this.vertx = vertx;
        this.publisher = publisher;
        this.pollInterval = pollInterval;
        this.lease = lease;
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(pollInterval.toMillis(), id -> wakeUp());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Runs a round now, or right after the one in progress; called after an outcome's transaction commits. */
    public void wakeUp() {
        again.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        again.set(false);
        relayDue().onTermination().invoke(() -> {
                    running.set(false);
                    if (again.get()) {
                        wakeUp();
                    }
                })
                .subscribe().with(count -> { }, e -> LOG.warnf("Outcome outbox round failed: %s", e.toString()));
    }

    /** One round: claims what is due, publishes it, marks what Kafka acknowledged; emits the number sent. */
    public Uni<Integer> relayDue() {
        return db.preparedQuery(CLAIM_DUE).execute(Tuple.of((double) lease.toSeconds(), BATCH)).flatMap(rows -> {
            List<Row> claimed = new ArrayList<>();
            rows.forEach(claimed::add);
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            claimed.sort(Comparator.comparing((Row r) -> r.getOffsetDateTime("created_at"))
                    .thenComparing(r -> r.getUUID("event_id")));
            // Sent in order through one producer, so per SME (one partition) they arrive in that order.
            List<Uni<UUID>> sends = claimed.stream().map(row -> publisher.sendMessage(Message.of(
                                    row.getString("payload")).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                    .withKey(row.getString("sme_id")).build()))
                            .replaceWith(row.getUUID("event_id"))
                            .onFailure().recoverWithItem(e -> {
                                LOG.warnf("Outcome event %s not published, retried after the lease: %s",
                                        row.getUUID("event_id"), e.toString());
                                return null;
                            }))
                    .toList();
            return Uni.join().all(sends).andFailFast().flatMap(ids -> {
                UUID[] sent = ids.stream().filter(Objects::nonNull).toArray(UUID[]::new);
                if (sent.length == 0) {
                    return Uni.createFrom().item(0);
                }
                return db.preparedQuery("UPDATE outcome_outbox SET sent_at = now() WHERE event_id = ANY($1)")
                        .execute(Tuple.of(sent)).map(r -> sent.length);
            });
        });
    }
}
