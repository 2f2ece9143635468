package io.smecredit.loan.alert.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smecredit.loan.alert.domain.Alert;
import io.smecredit.loan.alert.domain.AlertType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

@ApplicationScoped
public class AlertRepository {

    // Only SMEs the bank still monitors: an alert raised under a consent that has since ended is not shown.
    private static final String FEED = """
            SELECT a.seq, a.sme_id, a.type, a.details, a.occurred_at, a.created_at FROM alert a
            WHERE a.bank_id = :bankId AND a.seq > :after
              AND EXISTS (SELECT 1 FROM consent c WHERE c.bank_id = a.bank_id AND c.sme_id = a.sme_id
                          AND c.status = 'valid' AND c.expires_at > now()
                          AND (',' || c.scopes || ',') LIKE '%,monitoring,%')
            ORDER BY a.seq
            LIMIT :limit
            """;

    private final ObjectMapper json;

    public AlertRepository(ObjectMapper json) {
        this.json = json;
    }

    /** The number of the bank's newest alert (0 without alerts): no cursor the bank's feed hands out is beyond it. */
    public Uni<Long> lastIdOf(String bankId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT COALESCE(MAX(seq), 0) FROM alert WHERE bank_id = :bankId", Long.class)
                .setParameter("bankId", bankId)
                .getSingleResult());
    }

    public Uni<List<Alert>> feed(String bankId, long after, int limit) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(FEED, Object[].class)
                        .setParameter("bankId", bankId)
                        .setParameter("after", after)
                        .setParameter("limit", limit)
                        .getResultList())
                .map(rows -> rows.stream().map(this::toAlert).toList());
    }

    private Alert toAlert(Object[] r) {
        try {
            return new Alert(((Number) r[0]).longValue(), (String) r[1], AlertType.valueOf((String) r[2]),
                    json.readTree((String) r[3]), instant(r[4]), instant(r[5]));
        } catch (Exception e) {
            throw new IllegalStateException("Stored alert is not readable", e);
        }
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime o ? o.toInstant() : (Instant) value;
    }
}
