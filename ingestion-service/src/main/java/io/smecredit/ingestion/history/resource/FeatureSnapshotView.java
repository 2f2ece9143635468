package io.smecredit.ingestion.history.resource;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

@Schema(description = "An SME's features as known at the end of a day (UTC). Feature meanings: docs/features.md.")
public record FeatureSnapshotView(
        String smeId,
        @Schema(description = "The day (UTC) this snapshot is the end-of-day state of") LocalDate day,
        @Schema(description = "Event time of the newest telemetry the features include") Instant asOf,
        @Schema(description = "Feature-schema version the features were computed in") int schemaVersion,
        @Schema(description = "Feature name → value; a feature without data (zero denominator) is absent")
        Map<String, Double> features) {
}
