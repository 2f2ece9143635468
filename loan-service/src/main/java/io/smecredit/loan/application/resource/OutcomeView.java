package io.smecredit.loan.application.resource;

import io.smecredit.loan.application.domain.CreditOutcome;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

public record OutcomeView(UUID eventId, UUID applicationId, String type, LocalDate date, BigDecimal amount,
                          Integer daysPastDue, Instant recordedAt) {

    public static OutcomeView of(CreditOutcome o) {
        return new OutcomeView(o.eventId(), o.applicationId(), o.type().name(), o.date(), o.amount(), o.daysPastDue(),
                o.recordedAt());
    }
}
