package io.smecredit.loan.alert.resource;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Where to POST alerts.")
public record WebhookRegistration(
        @Schema(required = true, description = "Public https URL (alerts carry SME data); plain http, private, "
                + "loopback and link-local addresses are refused.", example = "https://bank-a.example/hooks/sme-credit")
        String url) {
}
