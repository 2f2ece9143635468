package io.smecredit.scoring.monitoring.domain;

import java.time.Instant;
import java.time.LocalDate;

/** PSI of a feature or of the score above the alert threshold, for one model and day. */
public record DriftAlert(String id, String modelVersion, LocalDate day, String subject, double psi, double threshold,
                         int rowsScored, Instant raisedAt) {

    public static String idOf(String modelVersion, LocalDate day, String subject) {
        return modelVersion + "/" + day + "/" + subject;
    }
}
