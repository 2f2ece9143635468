package io.smecredit.loan.alert.delivery;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smecredit.loan.alert.domain.WebhookSecretCipher;
import io.smecredit.loan.alert.domain.WebhookSignature;
import io.smecredit.loan.alert.domain.WebhookTargetPolicy;
import io.smecredit.loan.alert.service.WebhookService;
import io.smecredit.loan.audit.domain.AuditEntry;
import io.smecredit.loan.audit.service.AuditBatcher;
import io.vertx.core.Context;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Works through the webhook outbox: claims due deliveries with a lease (so several instances never send the same one
 * at once and no transaction is held open during HTTP), POSTs the signed alert, and reschedules failures with
 * exponential backoff until the attempt limit. Redirects are not followed: a redirect could lead into a private network.
 * <p>
 * Each attempt has a hard deadline ({@code loan.webhooks.deadline}), besides the request timeout: that one is an idle
 * timeout (Vert.x resets it whenever data arrives), so an endpoint that answers its headers and then trickles its body
 * a byte at a time held the attempt, and with it the round and every other bank's deliveries, forever. A round is
 * bounded too (by the lease), so nothing the round waits for can stop this instance's deliveries for good.
 */
@ApplicationScoped
public class WebhookDelivery {

    /** The audit action of every delivery attempt. */
    public static final String AUDIT_ACTION = "WEBHOOK_DELIVERY";
    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);
    private static final int BATCH = 20;
    private static final Duration LEASE = Duration.ofSeconds(60);

    private static final String CLAIM_DUE = """
            UPDATE webhook_delivery SET next_attempt_at = now() + make_interval(secs => $1)
            WHERE alert_id IN (SELECT alert_id FROM webhook_delivery
                               WHERE status = 'pending' AND next_attempt_at <= now()
                               ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING alert_id
            """;

    // Consent is checked again at send time: a revoked monitoring consent stops deliveries still in the outbox.
    private static final String LOAD = """
            SELECT d.alert_id, d.bank_id, d.attempts, w.url, w.secret, w.secret_sealed,
                   a.seq, a.sme_id, a.type, a.details, a.occurred_at, a.created_at,
                   EXISTS (SELECT 1 FROM consent c WHERE c.bank_id = a.bank_id AND c.sme_id = a.sme_id
                           AND c.status = 'valid' AND c.expires_at > now()
                           AND (',' || c.scopes || ',') LIKE '%,monitoring,%') AS consented
            FROM webhook_delivery d JOIN alert a ON a.id = d.alert_id LEFT JOIN webhook w ON w.bank_id = d.bank_id
            WHERE d.alert_id = $1
            """;

    private final Pool db;
    private final Vertx vertx;
    private final WebhookTargetPolicy targets;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration initialBackoff;
    private final int maxAttempts;
    private final Duration timeout;
    private final Duration deadline;
    private final HttpClient http;
    private final WebhookSecretCipher cipher;
    private final AuditBatcher audit;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timerId = -1;

    public WebhookDelivery(Pool db, Vertx vertx, WebhookTargetPolicy targets, Clock clock, WebhookSecretCipher cipher,
                           AuditBatcher audit,
                           @ConfigProperty(name = "loan.webhooks.poll-interval") Duration pollInterval,
                           @ConfigProperty(name = "loan.webhooks.initial-backoff") Duration initialBackoff,
                           @ConfigProperty(name = "loan.webhooks.max-attempts") int maxAttempts,
                           @ConfigProperty(name = "loan.webhooks.timeout") Duration timeout,
                           @ConfigProperty(name = "loan.webhooks.deadline") Duration deadline) {
        // A deadline at or past the lease would let another round (or instance) claim and send the same alert again
        // while its attempt is still running.
        if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(LEASE) >= 0) {
            throw new IllegalArgumentException("loan.webhooks.deadline (LOAN_WEBHOOK_DEADLINE) must be positive and "
                    + "shorter than the delivery lease of " + LEASE.toSeconds() + " s, not " + deadline);
        }
        this.db = db;
        this.vertx = vertx;
        this.targets = targets;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.initialBackoff = initialBackoff;
        this.maxAttempts = maxAttempts;
        this.timeout = timeout;
        this.deadline = deadline;
        this.cipher = cipher;
        this.audit = audit;
        // Vert.x's client does not follow redirects unless asked: a redirect could lead into a private network.
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setVerifyHost(true)
                .setForceSni(true));
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(pollInterval.toMillis(), id -> {
            if (running.compareAndSet(false, true)) {
                // Bounded by the lease: by then the round's claims lapse anyway, and a round that never ends would
                // otherwise leave this instance without deliveries for good.
                deliverDue().ifNoItem().after(LEASE).fail()
                        .onTermination().invoke(() -> running.set(false))
                        .subscribe().with(count -> { }, e -> LOG.warnf("Webhook delivery round failed: %s", e.toString()));
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** One round: claims and sends what is due; emits the number of deliveries attempted. */
    public Uni<Integer> deliverDue() {
        return db.preparedQuery(CLAIM_DUE).execute(Tuple.of((double) LEASE.toSeconds(), BATCH))
                .map(rows -> {
                    List<Long> ids = new java.util.ArrayList<>();
                    rows.forEach(r -> ids.add(r.getLong(0)));
                    return ids;
                })
                .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().item(0)
                        : Uni.join().all(ids.stream().map(this::deliver).toList()).andCollectFailures()
                        .map(List::size));
    }

    private Uni<Void> deliver(long alertId) {
        return db.preparedQuery(LOAD).execute(Tuple.of(alertId)).flatMap(rows -> {
            Row row = rows.iterator().next();
            int attempt = row.getInteger("attempts") + 1;
            String bankId = row.getString("bank_id");
            String smeId = row.getString("sme_id");
            String url = row.getString("url");
            if (url == null) {
                return finish(alertId, "failed", attempt, WebhookService.REMOVED);
            }
            if (!row.getBoolean("consented")) {
                return finish(alertId, "failed", attempt, "the monitoring consent has ended");
            }
            String body = "{\"id\":" + row.getLong("seq") + ",\"smeId\":\"" + smeId + "\",\"type\":\""
                    + row.getString("type") + "\",\"details\":" + row.getString("details") + ",\"occurredAt\":\""
                    + row.getOffsetDateTime("occurred_at").toInstant() + "\",\"createdAt\":\""
                    + row.getOffsetDateTime("created_at").toInstant() + "\"}";
            String sealed = row.getString("secret_sealed");
            String secret;
            try {
                secret = sealed != null ? cipher.decrypt(bankId, sealed) : row.getString("secret");
            } catch (RuntimeException e) {
                // A counted, audited, bounded failure: thrown on, it left the row claimed and retried forever.
                String why = "the webhook's signing secret cannot be decrypted with LOAN_WEBHOOK_SECRET_KEY or"
                        + " LOAN_WEBHOOK_PREVIOUS_SECRET_KEYS (was the key changed without keeping the old one?); the"
                        + " bank must register its webhook again";
                LOG.warnf("Webhook delivery of alert %d to %s: %s (%s)", alertId, bankId, why, e.toString());
                return record(bankId, smeId, alertId, attempt, "failed", why)
                        .chain(() -> retryOrGiveUp(alertId, attempt, why));
            }
            // Resolved once, on a worker (DNS blocks); the connection goes to exactly the address judged here.
            return vertx.executeBlocking(Uni.createFrom().item(() -> targets.resolve(url)))
                    .flatMap(resolution -> {
                        if (resolution.refused().isPresent()) {
                            String why = "refused target: " + resolution.refusal();
                            return record(bankId, smeId, alertId, attempt, "refused", why)
                                    .chain(() -> finish(alertId, "failed", attempt, why));
                        }
                        WebhookTargetPolicy.Target target = resolution.target();
                        return send(target, secret, body).flatMap(error -> error.isEmpty()
                                ? record(bankId, smeId, alertId, attempt, "delivered", target.host())
                                        .chain(() -> finish(alertId, "delivered", attempt, null))
                                : record(bankId, smeId, alertId, attempt, "failed", target.host() + ": " + error.get())
                                        .chain(() -> retryOrGiveUp(alertId, attempt, error.get())));
                    });
        });
    }

    /**
     * Every attempt is in the audit chain, before the outbox row moves on: the alert is the SME's data, sent to a
     * bank. If the record cannot be written, the row stays claimed and the attempt is repeated after the lease. The
     * details start "attempt=N; outcome=X" (all the SME's access log shows of them, see AccessLogEntry); the bank's
     * host and error follow, for operators.
     */
    private Uni<Void> record(String bankId, String smeId, long alertId, int attempt, String outcome, String detail) {
        return audit.append(AuditEntry.byBank(bankId, AUDIT_ACTION, smeId, "alert:" + alertId,
                "attempt=" + attempt + "; outcome=" + outcome + "; " + detail)).replaceWithVoid();
    }

    private Uni<Optional<String>> send(WebhookTargetPolicy.Target target, String secret, String body) {
        // Where the attempt continues on its deadline (Mutiny's timer thread would be its own): on this event loop.
        Context context = io.vertx.core.Vertx.currentContext();
        AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
        long timestamp = clock.instant().getEpochSecond();
        // Host and port name the bank's server (Host header, SNI, certificate check); the socket goes to the
        // validated address, so a DNS answer changed since the check cannot point the delivery elsewhere.
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.tls())
                .setURI(target.pathAndQuery())
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setTimeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .putHeader(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body));
        Uni<Optional<String>> attempt = http.request(options)
                .invoke(inFlight::set)
                .flatMap(request -> request.send(body))
                // The answer's body is drained unread: only the status counts, and a large body must not be buffered.
                .flatMap(response -> {
                    response.handler(ignored -> { });
                    return response.end().replaceWith(response.statusCode());
                })
                .map(status -> status / 100 == 2 ? Optional.<String>empty() : Optional.of("HTTP " + status))
                .ifNoItem().after(deadline).failWith(() -> new DeadlineExceeded(deadline))
                // Reset, so the connection is closed rather than left to the endpoint (a request not obtained by the
                // deadline has the request timeout, an idle timeout, as well: nothing is sent on it, so it ends).
                .onFailure(DeadlineExceeded.class).invoke(() -> {
                    HttpClientRequest request = inFlight.get();
                    if (request != null) {
                        request.reset();
                    }
                })
                .onFailure().recoverWithItem(e -> Optional.of(e instanceof DeadlineExceeded ? e.getMessage()
                        : e.getClass().getSimpleName() + ": " + e.getMessage()));
        return context == null ? attempt : attempt.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** An attempt that did not end within its deadline: a failed attempt, retried like any other. */
    private static final class DeadlineExceeded extends RuntimeException {
        DeadlineExceeded(Duration deadline) {
            super("no complete answer (status and body) within the delivery deadline of " + deadline.toMillis()
                    + " ms", null, false, false);
        }
    }

    private Uni<Void> retryOrGiveUp(long alertId, int attempt, String error) {
        if (attempt >= maxAttempts) {
            LOG.warnf("Webhook delivery of alert %d failed for good after %d attempts: %s", alertId, attempt, error);
            return finish(alertId, "failed", attempt, error);
        }
        Duration backoff = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 16));
        Duration capped = backoff.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : backoff;
        return db.preparedQuery("UPDATE webhook_delivery SET attempts = $2, last_error = $3, "
                        + "next_attempt_at = now() + make_interval(secs => $4) WHERE alert_id = $1")
                .execute(Tuple.of(alertId, attempt, error, capped.toMillis() / 1000.0))
                .replaceWithVoid();
    }

    private Uni<Void> finish(long alertId, String status, int attempt, String error) {
        return db.preparedQuery("UPDATE webhook_delivery SET status = $2, attempts = $3, last_error = $4, "
                        + "delivered_at = CASE WHEN $2 = 'delivered' THEN now() END WHERE alert_id = $1")
                .execute(Tuple.of(alertId, status, attempt, error))
                .replaceWithVoid();
    }
}
