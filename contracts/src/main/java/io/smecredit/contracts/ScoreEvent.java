package io.smecredit.contracts;

import java.time.Instant;

/**
 * A credit score for one SME, published on {@link Topics#SCORES}. {@code pd} is the calibrated
 * one-year probability of default, {@code score} the points scale and {@code grade} its letter band.
 * {@code asOf} is the as-of time of the feature vector that was scored.
 */
public record ScoreEvent(
        String smeId,
        double pd,
        int score,
        String grade,
        String modelVersion,
        Instant asOf) {
}
