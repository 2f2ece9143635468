package io.smecredit.loan.application.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Whether an outcome fits the application's history: a credit is disbursed once, before anything else happens to
 * it; nothing follows repayment or default; dates never go backwards or into the future; a disbursement stays
 * within the decided limit, and the principal reported as repaid, past due or defaulted stays within what was
 * disbursed. Labels that break these rules would poison model training.
 */
public final class OutcomeRules {

    private OutcomeRules() {
    }

    /** Why the outcome cannot be recorded, or empty. {@code history} is in recording order. */
    public static Optional<String> violation(Outcome decision, BigDecimal limit, LocalDate applicationDate,
                                             List<CreditOutcome> history, OutcomeType type, LocalDate date,
                                             BigDecimal amount, Integer daysPastDue, LocalDate today) {
        if (decision == Outcome.DECLINE) {
            return Optional.of("the application was declined, so no credit exists to report on");
        }
        if (date.isAfter(today)) {
            return Optional.of("date " + date + " is in the future");
        }
        if (date.isBefore(applicationDate)) {
            return Optional.of("date " + date + " is before the application (" + applicationDate + ")");
        }
        Optional<CreditOutcome> disbursement = history.stream().filter(o -> o.type() == OutcomeType.DISBURSED)
                .findFirst();
        boolean disbursed = disbursement.isPresent();
        Optional<CreditOutcome> last = history.isEmpty() ? Optional.empty()
                : Optional.of(history.get(history.size() - 1));
        if (last.isPresent() && (last.get().type() == OutcomeType.REPAID || last.get().type() == OutcomeType.DEFAULTED)) {
            return Optional.of("the credit is already " + last.get().type() + "; nothing can follow");
        }
        if (last.isPresent() && date.isBefore(last.get().date())) {
            return Optional.of("date " + date + " is before the previous outcome (" + last.get().date() + ")");
        }
        switch (type) {
            case DISBURSED -> {
                if (disbursed) {
                    return Optional.of("the credit was already disbursed");
                }
                if (amount == null) {
                    return Optional.of("a disbursement needs its amount");
                }
                if (amount.compareTo(limit) > 0) {
                    return Optional.of("amount " + amount + " exceeds the decided limit " + limit);
                }
            }
            case REPAID, DEFAULTED -> {
                if (!disbursed) {
                    return Optional.of(type + " needs a prior DISBURSED outcome");
                }
                return beyondDisbursed(type, amount, disbursement.get());
            }
            case PAST_DUE -> {
                if (!disbursed) {
                    return Optional.of("PAST_DUE needs a prior DISBURSED outcome");
                }
                if (daysPastDue == null) {
                    return Optional.of("PAST_DUE needs daysPastDue");
                }
                return beyondDisbursed(type, amount, disbursement.get());
            }
        }
        return Optional.empty();
    }

    /**
     * Amounts after the disbursement are principal (repaid, overdue, or exposure at default), never interest or fees,
     * so they cannot exceed the principal that was paid out.
     */
    private static Optional<String> beyondDisbursed(OutcomeType type, BigDecimal amount, CreditOutcome disbursement) {
        if (amount != null && disbursement.amount() != null && amount.compareTo(disbursement.amount()) > 0) {
            return Optional.of(type + " amount " + amount.toPlainString() + " exceeds the disbursed principal "
                    + disbursement.amount().toPlainString());
        }
        return Optional.empty();
    }
}
