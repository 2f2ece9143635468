package io.smecredit.ingestion.telemetry.domain;

import io.smecredit.contracts.TelemetryEvent;

import java.util.List;

/**
 * The outcome of validating one batch: events to publish, how many repeated an event id already accepted earlier
 * in the same batch (dropped, since publishing them twice would count them twice), and the rejected events.
 */
public record ValidatedBatch(List<TelemetryEvent> accepted, int duplicates, List<RejectedEvent> rejected) {

    public ValidatedBatch {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
    }
}
