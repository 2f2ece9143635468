package io.smecredit.loan.application.resource;

import io.smecredit.loan.application.domain.CreditPolicy;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(description = "A credit policy version and its rules, fixed for good once put in force.")
public record PolicyView(
        @Schema(example = "2026-12-v3") String version,
        @Schema(description = "Whether the instance that answered decides under this version now.") boolean inForce,
        @Schema(description = "When an instance first put this version in force.") Instant firstInForce,
        @Schema(description = "The rules exactly as decisions under this version recorded them in inputs.policy.")
        CreditPolicy rules) {
}
