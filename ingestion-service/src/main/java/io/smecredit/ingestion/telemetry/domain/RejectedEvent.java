package io.smecredit.ingestion.telemetry.domain;

import java.util.List;

/** An event of a batch that was not accepted, with every problem found in it. */
public record RejectedEvent(int index, String eventId, List<Violation> violations) {

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
