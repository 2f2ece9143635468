package io.smecredit.ingestion.telemetry.domain;

/** One problem with one field of one event of a batch. {@code field} is a dotted path such as metrics.runSeconds. */
public record Violation(String field, RejectionReason reason, String message) {
}
