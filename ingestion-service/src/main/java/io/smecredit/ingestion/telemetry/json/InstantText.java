package io.smecredit.ingestion.telemetry.json;

import java.time.Instant;

/**
 * {@link Instant#toString()} (the ISO-8601 form the topics carry), remembering the last instant: the events of one
 * batch mostly share a few timestamps, and formatting through DateTimeFormatter showed up in profiles of the intake.
 * Not thread-safe: one per batch.
 */
final class InstantText {

    private Instant last;
    private String lastText;

    String of(Instant instant) {
        if (!instant.equals(last)) {
            last = instant;
            lastText = instant.toString();
        }
        return lastText;
    }
}
