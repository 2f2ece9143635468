package io.smecredit.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A credit score for one SME, published on {@link Topics#SCORES}. {@code pd} is the calibrated
 * one-year probability of default, {@code score} the points scale and {@code grade} its letter band.
 * {@code asOf} is the as-of time of the feature vector that was scored. {@code reasons} lists up to four principal
 * reasons, strongest first (empty when the model gives none).
 */
public record ScoreEvent(
        String smeId,
        double pd,
        int score,
        String grade,
        String modelVersion,
        Instant asOf,
        List<ScoreReason> reasons) {

    public ScoreEvent {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public ScoreEvent(String smeId, double pd, int score, String grade, String modelVersion, Instant asOf) {
        this(smeId, pd, score, grade, modelVersion, asOf, List.of());
    }
}
