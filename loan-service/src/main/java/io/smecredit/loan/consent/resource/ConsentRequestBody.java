package io.smecredit.loan.consent.resource;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@Schema(description = "A bank's request for an SME's consent; the SME approves or rejects it.")
public record ConsentRequestBody(
        @Schema(required = true, example = "sme-001") String smeId,
        @Schema(required = true, description = "credit-report, features-summary and/or monitoring",
                example = "[\"credit-report\", \"monitoring\"]") List<String> scopes,
        @Schema(required = true, maxLength = 500, example = "Working-capital line review") String purpose,
        @Schema(required = true, description = "At most one year ahead.", example = "2027-01-31T00:00:00Z")
        Instant expiresAt) {
}
