package io.smecredit.loan.consent.resource;

import io.smecredit.loan.common.ConsentScope;
import io.smecredit.loan.consent.domain.Consent;
import io.smecredit.loan.consent.domain.ConsentStatus;
import io.smecredit.loan.consent.service.ConsentAsOf;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

@Schema(description = "A consent as the bank and the SME both see it.")
public record ConsentView(
        UUID id,
        @Schema(example = "sme-001") String smeId,
        @Schema(example = "bank-a") String bankId,
        @Schema(example = "Demo Bank A") String bankName,
        @Schema(description = "What the bank may do.") Set<ConsentScope> scopes,
        @Schema(example = "Working-capital line review") String purpose,
        @Schema(description = "received, valid, rejected, expired, revokedBySme or terminatedByBank; expired is "
                + "computed at read time from expiresAt.") ConsentStatus status,
        @Schema(description = "bank (a consent request) or sme (a direct grant)") String requestedBy,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "When the consent became valid (the SME approved the request, or granted it directly);"
                + " null if it never was: still waiting, rejected, expired unanswered, or a request the bank"
                + " withdrew (terminatedByBank without validFrom).", nullable = true) Instant validFrom) {

    static ConsentView of(ConsentAsOf seen) {
        Consent consent = seen.consent();
        return new ConsentView(consent.id(), consent.smeId(), consent.bankId(), seen.bankName(), consent.scopes(),
                consent.purpose(), consent.statusAt(seen.asOf()), consent.requestedBy(), consent.expiresAt(),
                consent.createdAt(), consent.updatedAt(), consent.validFrom());
    }
}
