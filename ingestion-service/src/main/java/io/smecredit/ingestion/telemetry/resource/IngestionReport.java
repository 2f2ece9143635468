package io.smecredit.ingestion.telemetry.resource;

import io.smecredit.ingestion.telemetry.domain.ValidatedBatch;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(description = "Outcome of a telemetry batch. Accepted events are durably stored in Kafka.")
public record IngestionReport(
        @Schema(description = "Events stored") int accepted,
        @Schema(description = "Events skipped because an earlier event of the same batch had the same SME and event id")
        int duplicates,
        @Schema(description = "Events refused; see errors") int rejected,
        List<EventError> errors) {

    static IngestionReport of(ValidatedBatch batch) {
        List<EventError> errors = batch.rejected().stream()
                .flatMap(event -> event.violations().stream().map(violation -> new EventError(
                        event.index(), event.eventId(), violation.field(), violation.message(),
                        violation.reason().code())))
                .toList();
        return new IngestionReport(batch.accepted().size(), batch.duplicates(), batch.rejected().size(), errors);
    }
}
