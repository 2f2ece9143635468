package io.smecredit.ingestion.telemetry.domain;

/**
 * The fields of a plain telemetry event as the streaming reader found them: every field present exactly once with
 * its JSON type (identifiers and timestamp strings, quantities numbers, counts whole numbers that fit a long).
 * Values are as sent: nothing here has been validated yet.
 */
public record EventFields(String eventId, String smeId, String machineId, String timestamp,
                          double runSeconds, double idleSeconds, double downSeconds,
                          long unitsProduced, long unitsRejected, double energyKwh) {
}
