package io.smecredit.loan.alert.resource;

import io.smecredit.loan.alert.service.WebhookService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Where to POST alerts.")
public record WebhookRegistration(
        @Schema(required = true, maxLength = WebhookService.MAX_URL_LENGTH, format = "uri",
                description = "Public https URL (alerts carry SME data); plain http, private, loopback and link-local "
                        + "addresses are refused.", example = "https://bank-a.example/hooks/sme-credit")
        String url) {
}
