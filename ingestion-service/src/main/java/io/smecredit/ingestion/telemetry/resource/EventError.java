package io.smecredit.ingestion.telemetry.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One problem with one event of the batch; an event may have several.")
public record EventError(
        @Schema(description = "Position of the event in the request array, from 0") int index,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The event's id, when it had a readable one") String eventId,
        @Schema(description = "Dotted path of the offending field, e.g. metrics.runSeconds; $ for the event itself")
        String field,
        @Schema(description = "What is wrong, in words") String reason,
        @Schema(description = "Stable machine-readable reason, e.g. not_finite, unknown_sme") String code) {
}
