package io.smecredit.loan.application.resource;

import io.smecredit.loan.application.service.CreditApplicationCommand;
import io.smecredit.loan.application.service.CreditApplicationService;
import io.smecredit.contracts.SmeId;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

// Each constraint below is one CreditApplicationService.validate enforces, from the same constants where it has them.
@Schema(description = "A bank's credit application for an SME it holds a valid 'credit-report' consent for.")
public record CreditApplicationRequest(
        @Schema(required = true, pattern = SmeId.PATTERN, description = "The SME's id: 1-64 characters of a-z, 0-9 "
                + "and '-', not starting with '-'.", example = "sme-001") String smeId,
        @Schema(required = true, enumeration = {"WORKING_CAPITAL", "RECEIVABLES", "EQUIPMENT"},
                example = "WORKING_CAPITAL") String product,
        @Schema(required = true, description = "Positive, at most " + CreditApplicationService.MAX_AMOUNT_TEXT
                + ", at most 2 decimals.", minimum = "0", exclusiveMinimum = true,
                maximum = CreditApplicationService.MAX_AMOUNT_TEXT, multipleOf = 0.01, example = "50000.00")
        BigDecimal amount,
        @Schema(required = true, pattern = CreditApplicationService.CURRENCY_PATTERN, description = "ISO 4217 code: "
                + "three upper-case letters. One the credit policy cannot convert to its base currency is refused "
                + "with 422.", example = "EUR") String currency,
        @Schema(required = true, minimum = "" + CreditApplicationService.MIN_TERM_MONTHS,
                maximum = "" + CreditApplicationService.MAX_TERM_MONTHS, example = "12") Integer termMonths) {

    CreditApplicationCommand command() {
        return new CreditApplicationCommand(smeId, product, amount, currency, termMonths);
    }
}
