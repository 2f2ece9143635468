package io.smecredit.loan.application.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

@Entity
@Table(name = "credit_outcome")
public class CreditOutcome {

    @Id
    @Column(name = "event_id")
    private UUID eventId;
    @Column(name = "application_id", nullable = false)
    private UUID applicationId;
    @Column(name = "type", nullable = false)
    private String type;
    @Column(name = "outcome_date", nullable = false)
    private LocalDate date;
    @Column(name = "amount")
    private BigDecimal amount;
    @Column(name = "days_past_due")
    private Integer daysPastDue;
    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected CreditOutcome() {
        // for Hibernate
    }

    public CreditOutcome(UUID applicationId, OutcomeType type, LocalDate date, BigDecimal amount, Integer daysPastDue,
                         Instant recordedAt) {
        this.eventId = UUID.randomUUID();
        this.applicationId = applicationId;
        this.type = type.name();
        this.date = date;
        this.amount = amount;
        this.daysPastDue = daysPastDue;
        this.recordedAt = recordedAt;
    }

    /**
     * Whether this outcome is the report described: two genuinely different reports differ in one of type, date,
     * amount or days past due, so the same again is a retry.
     */
    public boolean isSameReport(OutcomeType reportedType, LocalDate reportedDate, BigDecimal reportedAmount,
                                Integer reportedDaysPastDue) {
        return type() == reportedType && date.equals(reportedDate)
                && (amount == null ? reportedAmount == null
                : reportedAmount != null && amount.compareTo(reportedAmount) == 0)
                && Objects.equals(daysPastDue, reportedDaysPastDue);
    }

    public UUID eventId() { return eventId; }
    public UUID applicationId() { return applicationId; }
    public OutcomeType type() { return OutcomeType.valueOf(type); }
    public LocalDate date() { return date; }
    public BigDecimal amount() { return amount; }
    public Integer daysPastDue() { return daysPastDue; }
    public Instant recordedAt() { return recordedAt; }
}
