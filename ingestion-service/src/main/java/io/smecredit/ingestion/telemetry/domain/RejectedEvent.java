package io.smecredit.ingestion.telemetry.domain;

import java.util.List;

/**
 * An event of a batch that was not accepted, with every problem found in it.
 *
 * @param smeId   the SME the event claimed, when readable
 * @param payload the event as received, for the dead-letter topic
 */
public record RejectedEvent(int index, String eventId, String smeId, List<Violation> violations, String payload) {

    public RejectedEvent {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("A rejected event needs at least one violation");
        }
        violations = List.copyOf(violations);
    }

    /** The reason metrics are tagged with: the first problem found, in field order. */
    public RejectionReason primaryReason() {
        return violations.get(0).reason();
    }
}
