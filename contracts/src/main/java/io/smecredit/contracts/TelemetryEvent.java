package io.smecredit.contracts;

import java.time.Instant;

/**
 * A validated telemetry event as published on {@link Topics#TELEMETRY}. {@code eventId} is chosen by the
 * gateway and makes retries idempotent.
 */
public record TelemetryEvent(
        String eventId,
        String smeId,
        String machineId,
        Instant timestamp,
        MachineMetrics metrics) {
}
