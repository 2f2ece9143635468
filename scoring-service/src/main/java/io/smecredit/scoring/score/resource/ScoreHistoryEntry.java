package io.smecredit.scoring.score.resource;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.smecredit.scoring.score.domain.ScoreHistory;

import java.time.Instant;

/** One recorded score; {@code reasons} is the list of principal reasons as published (null for older scores). */
public record ScoreHistoryEntry(
        String smeId,
        double pd,
        int score,
        String grade,
        String modelVersion,
        Instant asOf,
        Instant scoredAt,
        @JsonRawValue String reasons) {

    static ScoreHistoryEntry of(ScoreHistory row) {
        return new ScoreHistoryEntry(row.smeId, row.pd, row.score, row.grade, row.modelVersion, row.asOf, row.scoredAt,
                row.reasons);
    }
}
