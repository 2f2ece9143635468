package io.smecredit.contracts;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A population drift alert, published on {@link Topics#DRIFT_ALERTS} keyed by {@code modelVersion}: on
 * {@code day} (as-of date, UTC) the {@code rows} feature vectors scored by the model were distributed so
 * differently from its training population that the population stability index of {@code subject} (a feature
 * name, or "score" for the calibrated PD) exceeded {@code threshold}. {@code alertId} identifies the alert across
 * redeliveries: one per model, day and subject.
 */
public record DriftAlertEvent(
        String alertId,
        String modelVersion,
        LocalDate day,
        String subject,
        double psi,
        double threshold,
        int rows,
        Instant raisedAt) {
}
