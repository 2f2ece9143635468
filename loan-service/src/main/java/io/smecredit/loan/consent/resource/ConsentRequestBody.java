package io.smecredit.loan.consent.resource;

import io.smecredit.loan.common.ConsentScope;
import io.smecredit.loan.consent.domain.ConsentTerms;
import io.smecredit.contracts.SmeId;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

// Each constraint below is one ConsentService.request (SmeId) and ConsentTerms.parse enforce.
@Schema(description = "A bank's request for an SME's consent; the SME approves or rejects it.")
public record ConsentRequestBody(
        @Schema(required = true, pattern = SmeId.PATTERN, description = "The SME's id: 1-64 characters of a-z, 0-9 "
                + "and '-', not starting with '-'.", example = "sme-001") String smeId,
        @Schema(required = true, type = SchemaType.ARRAY, implementation = ConsentScope.class, minItems = 1,
                description = ConsentGrantBody.SCOPES, example = "[\"credit-report\", \"monitoring\"]")
        List<String> scopes,
        @Schema(required = true, minLength = 1, maxLength = ConsentTerms.MAX_PURPOSE_LENGTH,
                description = ConsentGrantBody.PURPOSE, example = "Working-capital line review") String purpose,
        @Schema(required = true, description = "In the future, at most one year ahead.",
                example = "2027-01-31T00:00:00Z") Instant expiresAt) {
}
