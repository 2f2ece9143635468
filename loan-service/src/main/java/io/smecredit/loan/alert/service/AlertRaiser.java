package io.smecredit.loan.alert.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smecredit.loan.alert.domain.AlertType;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Raises an alert for every bank that holds a valid monitoring consent for the SME at this moment, and queues a
 * webhook delivery for those that registered a webhook, all in the caller's transaction.
 */
@ApplicationScoped
public class AlertRaiser {

    // Serialises alert-raising transactions, so each bank's alert numbers (seq, the feed's cursor) are handed out one
    // after the other and become visible in increasing order: a poller never skips one.
    private static final String ORDER_LOCK = "SELECT 1 FROM (SELECT pg_advisory_xact_lock(7312001)) AS locked";

    private static final String RAISE = """
            WITH raised AS (
                INSERT INTO alert (bank_id, seq, sme_id, type, details, occurred_at, created_at)
                SELECT DISTINCT c.bank_id,
                       (SELECT COALESCE(MAX(prior.seq), 0) + 1 FROM alert prior WHERE prior.bank_id = c.bank_id),
                       CAST(:smeId AS VARCHAR), CAST(:type AS VARCHAR), CAST(:details AS TEXT),
                       CAST(:occurredAt AS TIMESTAMPTZ), now() FROM consent c
                WHERE c.sme_id = :smeId AND c.status = 'valid' AND c.expires_at > now()
                  AND (',' || c.scopes || ',') LIKE '%,monitoring,%'
                  AND NOT (CAST(:type AS VARCHAR) = 'GRADE_DOWNGRADE' AND EXISTS (
                      SELECT 1 FROM alert told
                      WHERE told.bank_id = c.bank_id AND told.sme_id = :smeId AND told.type = 'GRADE_DOWNGRADE'
                        AND told.occurred_at > CAST(:quietSince AS TIMESTAMPTZ)
                        AND CAST(told.details AS JSONB) ->> 'grade' >= CAST(:grade AS VARCHAR)))
                RETURNING id, bank_id)
            INSERT INTO webhook_delivery (alert_id, bank_id, status, attempts, next_attempt_at)
            SELECT r.id, r.bank_id, 'pending', 0, now() FROM raised r JOIN webhook w ON w.bank_id = r.bank_id
            """;

    private final Duration downgradeQuietPeriod;

    public AlertRaiser(@ConfigProperty(name = "loan.alerts.grade-downgrade-quiet-period") Duration downgradeQuietPeriod) {
        this.downgradeQuietPeriod = downgradeQuietPeriod;
    }

    /**
     * Must run inside a transaction. {@code grade} is the SME's new grade: a bank already told within the quiet period
     * that the SME fell to this grade or lower is not told again. A score hovering at a band's edge otherwise sends
     * the same "B to C" downgrade every time it wobbles back over it.
     */
    public Uni<Void> raise(String smeId, AlertType type, String grade, String detailsJson, Instant occurredAt) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(ORDER_LOCK).getSingleResult()
                        .chain(() -> s.createNativeQuery(RAISE)
                                .setParameter("smeId", smeId)
                                .setParameter("type", type.name())
                                .setParameter("details", detailsJson)
                                .setParameter("occurredAt", occurredAt.atOffset(ZoneOffset.UTC))
                                .setParameter("quietSince", occurredAt.minus(downgradeQuietPeriod)
                                        .atOffset(ZoneOffset.UTC))
                                .setParameter("grade", grade)
                                .executeUpdate()))
                .replaceWithVoid();
    }
}
