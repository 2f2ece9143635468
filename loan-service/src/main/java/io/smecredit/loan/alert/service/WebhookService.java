package io.smecredit.loan.alert.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.loan.alert.domain.Webhook;
import io.smecredit.loan.alert.domain.WebhookSecretCipher;
import io.smecredit.loan.alert.domain.WebhookTargetPolicy;
import io.smecredit.loan.common.Bank;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

@ApplicationScoped
public class WebhookService {

    public static final int MAX_URL_LENGTH = 2048;
    /** Why a delivery was not sent once the bank removed its webhook. */
    public static final String REMOVED = "the bank removed its webhook";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookTargetPolicy targets;
    private final Clock clock;
    private final Vertx vertx;
    private final WebhookSecretCipher cipher;

    public WebhookService(WebhookTargetPolicy targets, Clock clock, Vertx vertx, WebhookSecretCipher cipher) {
        this.targets = targets;
        this.clock = clock;
        this.vertx = vertx;
        this.cipher = cipher;
    }

    /** Registers or replaces the bank's webhook with a fresh signing secret. */
    public Uni<Webhook> register(Bank bank, String url) {
        if (url == null || url.length() > MAX_URL_LENGTH) {
            throw invalid("is required, at most " + MAX_URL_LENGTH + " characters");
        }
        // Resolving the host blocks: a worker does it, and the result comes back on the request's context.
        return vertx.executeBlocking(Uni.createFrom().item(() -> targets.refusal(url)))
                .flatMap(refusal -> {
                    if (refusal.isPresent()) {
                        throw invalid(refusal.get());
                    }
                    return store(bank, url);
                });
    }

    @WithTransaction
    Uni<Webhook> store(Bank bank, String url) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = "whsec_" + HexFormat.of().formatHex(bytes);
        Instant now = clock.instant();
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                        INSERT INTO webhook (bank_id, url, secret, secret_sealed, created_at, updated_at)
                        VALUES (:bankId, :url, NULL, :sealed, :now, :now)
                        ON CONFLICT (bank_id) DO UPDATE SET url = excluded.url, secret = NULL,
                            secret_sealed = excluded.secret_sealed, updated_at = excluded.updated_at""")
                        .setParameter("bankId", bank.id())
                        .setParameter("url", url)
                        .setParameter("sealed", cipher.encrypt(bank.id(), secret))
                        .setParameter("now", now.atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .replaceWith(new Webhook(url, secret, now));
    }

    @WithSession
    public Uni<Webhook> current(Bank bank) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                                "SELECT url, updated_at FROM webhook WHERE bank_id = :bankId", Object[].class)
                        .setParameter("bankId", bank.id())
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw new ProblemException(ProblemType.NOT_FOUND, "Your bank has not registered a webhook.");
                    }
                    Object at = rows.get(0)[1];
                    return new Webhook((String) rows.get(0)[0], null,
                            at instanceof OffsetDateTime o ? o.toInstant() : (Instant) at);
                });
    }

    /**
     * Removes the bank's webhook and, in the same transaction, drops its pending deliveries (failed, with the reason,
     * as the delivery worker leaves one it finds without a webhook): left pending, they would go to the next URL the
     * bank registers, which may be another system than the one they were raised for.
     */
    @WithTransaction
    public Uni<Void> remove(Bank bank) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("DELETE FROM webhook WHERE bank_id = :bankId")
                        .setParameter("bankId", bank.id())
                        .executeUpdate()
                        .chain(() -> s.createNativeQuery("UPDATE webhook_delivery SET status = 'failed', "
                                        + "last_error = :reason WHERE bank_id = :bankId AND status = 'pending'")
                                .setParameter("reason", REMOVED)
                                .setParameter("bankId", bank.id())
                                .executeUpdate()))
                .replaceWithVoid();
    }

    private static ProblemException invalid(String reason) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "url " + reason,
                List.of(new Problem.FieldError("url", reason)));
    }
}
