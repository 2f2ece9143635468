package io.smecredit.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A telemetry event the ingestion service refused, published on {@link Topics#TELEMETRY_DEAD_LETTER} with every
 * reason, so an integrator can see what was refused and replay it once fixed.
 *
 * @param smeId      the SME the event claimed, else the SME of the MQTT topic, else null
 * @param eventId    the event's id when it had a readable one, else null
 * @param channel    "http", "mqtt" or "backfill" (operator backfill)
 * @param source     who sent it: the gateway's client id (HTTP) or the MQTT topic
 * @param index      position of the event in its batch (0 for a single MQTT message)
 * @param payload    the event as received (JSON text, or the raw line/message when it was not JSON)
 * @param rejections every problem found, each with a stable reason code (e.g. "too_late", "foreign_sme")
 */
public record TelemetryDeadLetter(
        String smeId,
        String eventId,
        String channel,
        String source,
        int index,
        Instant receivedAt,
        List<Rejection> rejections,
        String payload) {

    /** One problem: the dotted field path ("$" for the whole event), the stable reason code and a readable message. */
    public record Rejection(String field, String reason, String message) {
    }
}
