package io.smecredit.loan.consent.resource;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@Schema(description = "An SME's direct grant to a named bank; valid at once.")
public record ConsentGrantBody(
        @Schema(required = true, example = "bank-a") String bankId,
        @Schema(required = true, description = "credit-report, features-summary and/or monitoring",
                example = "[\"credit-report\"]") List<String> scopes,
        @Schema(required = true, maxLength = 500, example = "Working-capital line review") String purpose,
        @Schema(required = true, description = "At most one year ahead.", example = "2027-01-31T00:00:00Z")
        Instant expiresAt) {
}
