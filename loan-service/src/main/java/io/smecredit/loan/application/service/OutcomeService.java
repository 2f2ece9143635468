package io.smecredit.loan.application.service;

import io.smallrye.mutiny.Uni;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
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
import io.smecredit.loan.audit.domain.AuditEntry;
import io.smecredit.loan.audit.service.AuditLog;
import io.smecredit.loan.common.Bank;
import io.smecredit.loan.common.ConsentGuard;
import io.smecredit.loan.common.ConsentScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Records what happened to a credit and, for model training, its outcome event: the event goes into the outbox in the
 * same transaction as the outcome, so an event exists exactly when the outcome was committed. {@link OutcomeOutboxRelay}
 * publishes it after the commit.
 */
@ApplicationScoped
public class OutcomeService {

    /** Shared with the OpenAPI schema of the outcome request, so the document states what is enforced here. */
    public static final int MIN_DAYS_PAST_DUE = 1;
    public static final int MAX_DAYS_PAST_DUE = 3650;

    private final CreditApplicationRepository applications;
    private final CreditOutcomeRepository outcomes;
    private final ConsentGuard consents;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;

    public OutcomeService(CreditApplicationRepository applications, CreditOutcomeRepository outcomes,
                          ConsentGuard consents, AuditLog audit, ObjectMapper json, Clock clock) {
        this.applications = applications;
        this.outcomes = outcomes;
        this.consents = consents;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** An outcome as answered to its report: new, or the same report recorded before (a retry). */
    public record Recorded(CreditOutcome outcome, boolean replayed) {
    }

    /**
     * Records the outcome, unless the application already has one with the same type, date, amount and days past
     * due: that is the same report sent again (a retry after a lost answer), answered with the stored outcome and
     * nothing recorded or published twice. Two genuinely different reports always differ in one of these.
     */
    public Uni<Recorded> record(Bank bank, String applicationId, OutcomeCommand command) {
        return consents.inTransaction(() -> recordInTransaction(bank, applicationId, command));
    }

    private Uni<Recorded> recordInTransaction(Bank bank, String applicationId, OutcomeCommand command) {
        OutcomeCommand request = command == null ? new OutcomeCommand(null, null, null, null) : command;
        OutcomeType type = validate(request);
        // The row lock serialises outcomes of one application, so two racing reports cannot both pass the rules.
        return owned(bank, applicationId, LockModeType.PESSIMISTIC_WRITE)
                .call(a -> consents.require(bank, a.smeId(), ConsentScope.CREDIT_REPORT))
                .flatMap(a -> outcomes.historyOf(a.id()).flatMap(history -> {
                    Optional<CreditOutcome> sameReport = history.stream().filter(o -> o.isSameReport(type,
                            request.date(), request.amount(), request.daysPastDue())).findFirst();
                    if (sameReport.isPresent()) {
                        return Uni.createFrom().item(new Recorded(sameReport.get(), true));
                    }
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
                            .call(o -> enqueue(bank, a, o))
                            .map(o -> new Recorded(o, false));
                }));
    }

    /** The application's outcomes in the order they were reported, for the bank that applied (consent-checked). */
    public Uni<List<CreditOutcome>> historyFor(Bank bank, String applicationId) {
        return consents.inTransaction(() -> owned(bank, applicationId, LockModeType.NONE)
                .call(a -> consents.require(bank, a.smeId(), ConsentScope.CREDIT_REPORT)
                        .call(consentId -> audit.append(AuditEntry.byBank(bank.id(), "OUTCOMES_READ", a.smeId(),
                                a.id().toString(), "consent=" + consentId))))
                .flatMap(a -> outcomes.historyOf(a.id())));
    }

    /** The application, if the bank made it; another bank's is reported exactly like a missing one. */
    private Uni<CreditApplication> owned(Bank bank, String applicationId, LockModeType lock) {
        UUID id;
        try {
            id = UUID.fromString(applicationId);
        } catch (IllegalArgumentException e) {
            throw CreditApplicationService.notFound(applicationId);
        }
        return applications.findById(id, lock).map(a -> {
            if (a == null || !a.bankId().equals(bank.id())) {
                throw CreditApplicationService.notFound(applicationId);
            }
            return a;
        });
    }

    private Uni<Void> enqueue(Bank bank, CreditApplication a, CreditOutcome o) {
        OutcomeEvent event = new OutcomeEvent(o.eventId().toString(), a.smeId(), a.id().toString(), bank.id(),
                o.type().name(), o.date(), o.amount(), o.daysPastDue(), "bank");
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Outcome event " + o.eventId() + " cannot be serialised", e);
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                                INSERT INTO outcome_outbox (event_id, sme_id, payload, created_at, next_attempt_at)
                                VALUES (:eventId, :smeId, :payload, :now, :now)""")
                        .setParameter("eventId", o.eventId())
                        .setParameter("smeId", a.smeId())
                        .setParameter("payload", payload)
                        .setParameter("now", o.recordedAt().atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .replaceWithVoid();
    }

    private static OutcomeType validate(OutcomeCommand r) {
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
        // Bounded like application amounts: NUMERIC(18, 2) cannot hold more, and no credit here can be larger.
        if (amount != null && (amount.signum() <= 0 || amount.compareTo(CreditApplicationService.MAX_AMOUNT) > 0
                || amount.stripTrailingZeros().scale() > 2)) {
            errors.add(new Problem.FieldError("amount", "must be positive, at most "
                    + CreditApplicationService.MAX_AMOUNT.toPlainString() + ", with at most 2 decimals"));
        }
        if (r.daysPastDue() != null && (r.daysPastDue() < MIN_DAYS_PAST_DUE
                || r.daysPastDue() > MAX_DAYS_PAST_DUE)) {
            errors.add(new Problem.FieldError("daysPastDue", "must be " + MIN_DAYS_PAST_DUE + "-" + MAX_DAYS_PAST_DUE));
        }
        if (type == OutcomeType.DISBURSED && amount == null) {
            errors.add(new Problem.FieldError("amount", "is required for DISBURSED (the principal paid out)"));
        }
        if (type == OutcomeType.PAST_DUE && r.daysPastDue() == null) {
            errors.add(new Problem.FieldError("daysPastDue", "is required for PAST_DUE"));
        }
        // Stored and published, a delinquency figure on a disbursement or a repayment would be read as a fact.
        if ((type == OutcomeType.DISBURSED || type == OutcomeType.REPAID) && r.daysPastDue() != null) {
            errors.add(new Problem.FieldError("daysPastDue", "applies only to PAST_DUE and DEFAULTED"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, errors.stream()
                    .map(e -> e.field() + " " + e.reason()).collect(Collectors.joining("; ")), errors);
        }
        return type;
    }
}
