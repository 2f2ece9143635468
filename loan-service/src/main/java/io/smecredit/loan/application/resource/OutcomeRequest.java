package io.smecredit.loan.application.resource;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;

@Schema(description = "What happened to the credit.")
public record OutcomeRequest(
        @Schema(required = true, enumeration = {"DISBURSED", "REPAID", "PAST_DUE", "DEFAULTED"}) String type,
        @Schema(required = true, example = "2026-12-01") LocalDate date,
        @Schema(description = "Required for DISBURSED (at most the decided limit).", example = "50000.00")
        BigDecimal amount,
        @Schema(description = "Required for PAST_DUE.", example = "30") Integer daysPastDue) {
}
