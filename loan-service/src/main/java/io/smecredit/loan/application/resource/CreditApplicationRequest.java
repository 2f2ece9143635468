package io.smecredit.loan.application.resource;

import io.smecredit.loan.application.service.CreditApplicationCommand;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

@Schema(description = "A bank's credit application for an SME it holds a valid 'credit-report' consent for.")
public record CreditApplicationRequest(
        @Schema(required = true, example = "sme-001") String smeId,
        @Schema(required = true, enumeration = {"WORKING_CAPITAL", "RECEIVABLES", "EQUIPMENT"},
                example = "WORKING_CAPITAL") String product,
        @Schema(required = true, description = "Positive, at most 1000000000, at most 2 decimals.",
                maximum = "1000000000", example = "50000.00") BigDecimal amount,
        @Schema(required = true, description = "ISO 4217 code", example = "EUR") String currency,
        @Schema(required = true, minimum = "1", maximum = "360", example = "12") Integer termMonths) {

    CreditApplicationCommand command() {
        return new CreditApplicationCommand(smeId, product, amount, currency, termMonths);
    }
}
