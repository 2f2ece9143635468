package io.smecredit.scoring.history.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smecredit.contracts.OutcomeEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

@ApplicationScoped
public class CreditOutcomeRepository {

    /** Answers whether the outcome was new; a redelivered event (same eventId) changes nothing. */
    public Uni<Boolean> insertIfAbsent(OutcomeEvent outcome, Instant receivedAt) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO credit_outcome (event_id, sme_id, application_id, bank_id, type, outcome_date,
                                                    source, received_at)
                        VALUES (:eventId, :smeId, :applicationId, :bankId, :type, :date, :source, :receivedAt)
                        ON CONFLICT (event_id) DO NOTHING
                        """)
                .setParameter("eventId", outcome.eventId())
                .setParameter("smeId", outcome.smeId())
                .setParameter("applicationId", outcome.applicationId())
                .setParameter("bankId", outcome.bankId())
                .setParameter("type", outcome.type())
                .setParameter("date", outcome.date())
                .setParameter("source", outcome.source())
                .setParameter("receivedAt", receivedAt)
                .executeUpdate()
                .map(inserted -> inserted > 0));
    }
}
