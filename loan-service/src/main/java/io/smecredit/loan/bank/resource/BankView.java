package io.smecredit.loan.bank.resource;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The partner bank an access token acts for, as the platform knows it.")
public record BankView(
        @Schema(description = "The bank's id: the bankId SMEs grant consents to.", example = "bank-a") String bankId,
        @Schema(description = "The Keycloak client the token was issued to.", example = "bank-a") String clientId,
        @Schema(example = "Demo Bank A") String displayName,
        @Schema(description = "The request rate this bank's client gets; beyond it, 429 with Retry-After.")
        RateLimit rateLimit) {

    @Schema(description = "A token bucket: up to 'burst' requests at once, refilled at 'perSecond'. Counted by each "
            + "instance of the service separately.")
    public record RateLimit(@Schema(example = "200") double perSecond, @Schema(example = "400") double burst) {
    }
}
