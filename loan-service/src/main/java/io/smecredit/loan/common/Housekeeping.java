package io.smecredit.loan.common;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Retention: idempotency keys older than their retention (at least 24 h) and credit decisions past their retention
 * date (25 months by default, set when the decision is made) are deleted periodically, and so are outcome-outbox rows
 * sent more than 7 days ago. Audit records are never
 * deleted: they hold no decision data beyond a summary, and deleting them would break the chain.
 * <p>
 * The first round runs a minute after start ({@code loan.housekeeping.first-round-after}), not one interval later:
 * an instance restarted more often than the interval would otherwise never purge. Each round is logged at INFO and
 * counted, so operators can see that retention runs ({@code loan_housekeeping_last_success_timestamp_seconds}) and
 * what it deleted.
 */
@ApplicationScoped
public class Housekeeping {

    /**
     * A decision is kept for the retention period (its {@code retain_until}, set when decided) counted from the last
     * thing that can still matter: the decision itself when it declined, else the end of the credit's term, and every
     * outcome the bank reported. A 60-month loan is therefore not purged (with its outcomes, which cascade) while it
     * runs. The retention period is the row's own ({@code retain_until - created_at}), so a later change of
     * LOAN_DECISION_RETENTION_MONTHS does not shorten what was promised when it was decided.
     */
    private static final String PURGE_DECISIONS = """
            DELETE FROM credit_application a
            WHERE a.retain_until < now()
              AND (a.decision = 'DECLINE' OR a.retain_until + make_interval(months => a.term_months) < now())
              AND NOT EXISTS (SELECT 1 FROM credit_outcome o
                              WHERE o.application_id = a.id AND o.recorded_at + (a.retain_until - a.created_at) >= now())
            """;

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);
    private static final Duration MINIMUM_KEY_RETENTION = Duration.ofHours(24);

    private final Pool db;
    private final Vertx vertx;
    private final Clock clock;
    private final Duration keyRetention;
    private final Duration interval;
    private final Duration firstRoundAfter;
    private final Counter keysPurged;
    private final Counter decisionsPurged;
    private final Counter outboxPurged;
    private final Counter failedRounds;
    private final AtomicLong lastSuccessEpochSeconds = new AtomicLong();
    private long timerId = -1;

    public Housekeeping(Pool db, Vertx vertx, Clock clock, MeterRegistry metrics,
                        @ConfigProperty(name = "loan.idempotency.retention") Duration keyRetention,
                        @ConfigProperty(name = "loan.housekeeping.interval") Duration interval,
                        @ConfigProperty(name = "loan.housekeeping.first-round-after") Duration firstRoundAfter) {
        if (keyRetention.compareTo(MINIMUM_KEY_RETENTION) < 0) {
            throw new IllegalArgumentException("loan.idempotency.retention must be at least 24 hours");
        }
        this.db = db;
        this.vertx = vertx;
        this.clock = clock;
        this.keyRetention = keyRetention;
        this.interval = interval;
        this.firstRoundAfter = firstRoundAfter;
        this.keysPurged = purgedCounter(metrics, "idempotency-keys");
        this.decisionsPurged = purgedCounter(metrics, "decisions");
        this.outboxPurged = purgedCounter(metrics, "outcome-outbox");
        this.failedRounds = Counter.builder("loan.housekeeping.failed")
                .description("Housekeeping rounds that failed (logged at WARN)").register(metrics);
        Gauge.builder("loan.housekeeping.last.success.timestamp.seconds", lastSuccessEpochSeconds, AtomicLong::get)
                .description("When the last housekeeping round succeeded (seconds since 1970; 0 before the first)")
                .register(metrics);
    }

    private static Counter purgedCounter(MeterRegistry metrics, String kind) {
        return Counter.builder("loan.housekeeping.purged").tag("kind", kind)
                .description("Rows deleted by retention housekeeping").register(metrics);
    }

    void start(@Observes StartupEvent event) {
        long first = Math.max(1, Math.min(firstRoundAfter.toMillis(), interval.toMillis()));
        timerId = vertx.setTimer(first, ignored -> {
            round();
            timerId = vertx.setPeriodic(interval.toMillis(), id -> round());
        });
    }

    private void round() {
        purge().subscribe().with(
                purged -> LOG.infof("Housekeeping purged %s", purged),
                e -> {
                    failedRounds.increment();
                    LOG.warnf("Housekeeping failed: %s", e.toString());
                });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Emits "keys=N, decisions=M, outbox=K". */
    public Uni<String> purge() {
        return db.preparedQuery("DELETE FROM idempotency_key WHERE created_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) keyRetention.toSeconds()))
                .flatMap(keys -> db.query(PURGE_DECISIONS).execute()
                        // Sent outbox rows are only kept a while for diagnosis; the event lives on in the topic.
                        .flatMap(decisions -> db.query("DELETE FROM outcome_outbox "
                                        + "WHERE sent_at < now() - interval '7 days'").execute()
                                .map(outbox -> {
                                    keysPurged.increment(keys.rowCount());
                                    decisionsPurged.increment(decisions.rowCount());
                                    outboxPurged.increment(outbox.rowCount());
                                    lastSuccessEpochSeconds.set(clock.instant().getEpochSecond());
                                    return "keys=" + keys.rowCount() + ", decisions=" + decisions.rowCount()
                                            + ", outbox=" + outbox.rowCount();
                                })));
    }
}
