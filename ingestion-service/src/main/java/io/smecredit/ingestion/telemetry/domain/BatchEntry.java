package io.smecredit.ingestion.telemetry.domain;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event of a batch as read: its JSON, or, for an NDJSON line that is not JSON, the raw line and why it could not
 * be read (so that line alone is refused and still reaches the dead-letter topic).
 */
public record BatchEntry(JsonNode json, String raw, String unreadable) {

    public static BatchEntry of(JsonNode json) {
        return new BatchEntry(json, null, null);
    }

    public static BatchEntry unreadable(String raw, String why) {
        return new BatchEntry(null, raw, why);
    }

    public boolean readable() {
        return json != null;
    }

    /** The event as received, for the dead-letter topic. */
    public String payload() {
        return readable() ? json.toString() : raw;
    }
}
