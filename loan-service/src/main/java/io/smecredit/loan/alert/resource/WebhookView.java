package io.smecredit.loan.alert.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smecredit.loan.alert.domain.Webhook;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The bank's webhook. Deliveries carry X-SmeCredit-Timestamp (epoch seconds) and "
        + "X-SmeCredit-Signature: v1=hex(HMAC-SHA256(secret, timestamp + \".\" + body)).")
public record WebhookView(
        String url,
        @Schema(description = "Signing secret; returned only by PUT, which issues a new one each time.") String secret,
        Instant updatedAt) {

    static WebhookView of(Webhook webhook) {
        return new WebhookView(webhook.url(), webhook.secret(), webhook.updatedAt());
    }
}
