package io.smecredit.loan.application.resource;

import io.smecredit.loan.application.service.CreditApplicationService;
import io.smecredit.loan.application.service.OutcomeCommand;
import io.smecredit.loan.application.service.OutcomeService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;

// Each constraint below is one OutcomeService.validate enforces (the history rules are OutcomeRules', answered 422).
@Schema(description = "What happened to the credit.")
public record OutcomeRequest(
        @Schema(required = true, enumeration = {"DISBURSED", "REPAID", "PAST_DUE", "DEFAULTED"}) String type,
        // Read strictly by platform-common's StrictJson: an existing day, YYYY-MM-DD, never a date-time.
        @Schema(required = true, description = "The day it happened (YYYY-MM-DD; a date-time is refused).",
                example = "2026-12-01") LocalDate date,
        @Schema(description = "Principal, positive, at most 1000000000 with at most 2 decimals. Required for "
                + "DISBURSED (at most the decided limit); optional for REPAID, PAST_DUE (the overdue principal) and "
                + "DEFAULTED (the exposure at default), where it is at most the disbursed amount.",
                example = "50000.00", minimum = "0", exclusiveMinimum = true,
                maximum = CreditApplicationService.MAX_AMOUNT_TEXT, multipleOf = 0.01)
        BigDecimal amount,
        @Schema(description = "Required for PAST_DUE, optional for DEFAULTED, refused for DISBURSED and REPAID.",
                minimum = "" + OutcomeService.MIN_DAYS_PAST_DUE, maximum = "" + OutcomeService.MAX_DAYS_PAST_DUE,
                example = "30")
        Integer daysPastDue) {

    OutcomeCommand command() {
        return new OutcomeCommand(type, date, amount, daysPastDue);
    }
}
