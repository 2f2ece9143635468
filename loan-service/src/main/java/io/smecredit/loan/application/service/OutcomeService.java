package io.smecredit.loan.application.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.contracts.OutcomeEvent;
import io.smecredit.loan.application.domain.CreditApplication;
import io.smecredit.loan.application.domain.CreditOutcome;
import io.smecredit.loan.application.domain.Outcome;
import io.smecredit.loan.application.domain.OutcomeRules;
import io.smecredit.loan.application.domain.OutcomeType;
import io.smecredit.loan.application.repository.CreditApplicationRepository;
import io.smecredit.loan.application.repository.CreditOutcomeRepository;
import io.smecredit.loan.application.resource.OutcomeRequest;
import io.smecredit.loan.application.resource.OutcomeView;
import io.smecredit.loan.audit.domain.AuditEntry;
import io.smecredit.loan.audit.service.AuditLog;
import io.smecredit.loan.common.Bank;
import io.smecredit.loan.common.ConsentGuard;
import io.smecredit.loan.common.ConsentScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Records what happened to a credit and publishes it for model training. The event is published, and acknowledged
 * by Kafka, before the transaction commits: a failed publish leaves nothing recorded, and the bank retries. (A crash
 * between the ack and the commit can publish an event whose record is missing; consumers deduplicate by eventId.)
 */
@ApplicationScoped
public class OutcomeService {

    private final CreditApplicationRepository applications;
    private final CreditOutcomeRepository outcomes;
    private final ConsentGuard consents;
    private final AuditLog audit;
    private final MutinyEmitter<OutcomeEvent> publisher;
    private final Clock clock;

    public OutcomeService(CreditApplicationRepository applications, CreditOutcomeRepository outcomes,
                          ConsentGuard consents, AuditLog audit,
                          @Channel("outcomes-out") MutinyEmitter<OutcomeEvent> publisher, Clock clock) {
        this.applications = applications;
        this.outcomes = outcomes;
        this.consents = consents;
        this.audit = audit;
        this.publisher = publisher;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<OutcomeView> record(Bank bank, String applicationId, OutcomeRequest body) {
        OutcomeRequest request = body == null ? new OutcomeRequest(null, null, null, null) : body;
        OutcomeType type = validate(request);
        UUID id;
        try {
            id = UUID.fromString(applicationId);
        } catch (IllegalArgumentException e) {
            throw CreditApplicationService.notFound(applicationId);
        }
        // The row lock serialises outcomes of one application, so two racing reports cannot both pass the rules.
        return applications.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .map(a -> {
                    if (a == null || !a.bankId().equals(bank.id())) {
                        throw CreditApplicationService.notFound(applicationId);
                    }
                    return a;
                })
                .call(a -> consents.require(bank, a.smeId(), ConsentScope.CREDIT_REPORT))
                .flatMap(a -> outcomes.historyOf(a.id()).flatMap(history -> {
                    LocalDate today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
                    OutcomeRules.violation(Outcome.valueOf(a.decision()), a.limitAmount(),
                                    a.createdAt().atOffset(ZoneOffset.UTC).toLocalDate(), history, type,
                                    request.date(), request.amount(), request.daysPastDue(), today)
                            .ifPresent(why -> {
                                throw new ProblemException(ProblemType.UNPROCESSABLE,
                                        "This outcome does not fit application " + applicationId + ": " + why + ".");
                            });
                    CreditOutcome outcome = new CreditOutcome(a.id(), type, request.date(),
                            request.amount() == null ? null : request.amount().setScale(2),
                            request.daysPastDue(), clock.instant());
                    return outcomes.persistAndFlush(outcome)
                            .call(o -> audit.append(AuditEntry.byBank(bank.id(), "OUTCOME_REPORTED", a.smeId(),
                                    a.id().toString(), "type=" + o.type() + "; date=" + o.date() + "; amount="
                                            + o.amount() + "; daysPastDue=" + o.daysPastDue())))
                            .call(o -> publish(bank, a, o));
                }))
                .map(OutcomeView::of);
    }

    private Uni<Void> publish(Bank bank, CreditApplication a, CreditOutcome o) {
        OutcomeEvent event = new OutcomeEvent(o.eventId().toString(), a.smeId(), a.id().toString(), bank.id(),
                o.type().name(), o.date(), o.amount(), o.daysPastDue(), "bank");
        return publisher.sendMessage(Message.of(event).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(a.smeId()).build()));
    }

    private static OutcomeType validate(OutcomeRequest r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        OutcomeType type = null;
        try {
            type = r.type() == null ? null : OutcomeType.valueOf(r.type());
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null) {
            errors.add(new Problem.FieldError("type", "must be one of DISBURSED, REPAID, PAST_DUE, DEFAULTED"));
        }
        if (r.date() == null) {
            errors.add(new Problem.FieldError("date", "is required (ISO date, e.g. 2026-12-01)"));
        }
        BigDecimal amount = r.amount();
        if (amount != null && (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2)) {
            errors.add(new Problem.FieldError("amount", "must be positive with at most 2 decimals"));
        }
        if (r.daysPastDue() != null && (r.daysPastDue() < 1 || r.daysPastDue() > 3650)) {
            errors.add(new Problem.FieldError("daysPastDue", "must be 1-3650"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, errors.stream()
                    .map(e -> e.field() + " " + e.reason()).collect(Collectors.joining("; ")), errors);
        }
        return type;
    }
}
