package io.smecredit.loan.consent.resource;

import io.smecredit.loan.common.ConsentScope;
import io.smecredit.loan.consent.domain.ConsentTerms;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

// Each constraint below is one ConsentTerms.parse enforces; bankId must name a partner bank, which is configuration.
@Schema(description = "An SME's direct grant to a named bank; valid at once.")
public record ConsentGrantBody(
        @Schema(required = true, description = "A partner bank's id.", example = "bank-a") String bankId,
        @Schema(required = true, type = SchemaType.ARRAY, implementation = ConsentScope.class, minItems = 1,
                description = SCOPES, example = "[\"credit-report\"]") List<String> scopes,
        @Schema(required = true, minLength = 1, maxLength = ConsentTerms.MAX_PURPOSE_LENGTH, description = PURPOSE,
                example = "Working-capital line review") String purpose,
        @Schema(required = true, description = "In the future, at most one year ahead.",
                example = "2027-01-31T00:00:00Z") Instant expiresAt) {

    static final String SCOPES = "At least one of credit-report, features-summary and monitoring; features-summary "
            + "only together with credit-report.";
    static final String PURPOSE = "Why the bank needs the data, shown to the SME: not blank, at most "
            + ConsentTerms.MAX_PURPOSE_LENGTH + " characters, no control characters other than line breaks and "
            + "tabs, no invisible formatting characters.";
}
