package io.smecredit.loan.alert.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.smecredit.loan.alert.domain.Alert;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(description = "An early warning about a monitored SME.")
public record AlertView(
        @Schema(description = "The alert's number among this bank's alerts: increasing, unique for the bank, and "
                + "the feed's cursor (the same number in webhook deliveries).", example = "42") long id,
        @Schema(example = "sme-001") String smeId,
        @Schema(enumeration = {"GRADE_DOWNGRADE", "SCORE_DROP", "PRODUCTION_STOPPED"}) String type,
        @Schema(description = "What changed, e.g. previous and new grade and score, or days without output.")
        JsonNode details,
        @Schema(description = "As-of time of the data that raised the alert.") Instant occurredAt,
        Instant createdAt) {

    static AlertView of(Alert alert) {
        return new AlertView(alert.id(), alert.smeId(), alert.type().name(), alert.details(), alert.occurredAt(),
                alert.createdAt());
    }
}
