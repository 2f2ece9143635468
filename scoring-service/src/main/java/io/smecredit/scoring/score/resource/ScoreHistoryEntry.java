package io.smecredit.scoring.score.resource;

import io.smecredit.scoring.score.domain.ScoreHistory;

import java.time.Instant;

public record ScoreHistoryEntry(
        String smeId,
        double pd,
        int score,
        String grade,
        String modelVersion,
        Instant asOf,
        Instant scoredAt) {

    static ScoreHistoryEntry of(ScoreHistory row) {
        return new ScoreHistoryEntry(row.smeId, row.pd, row.score, row.grade, row.modelVersion, row.asOf, row.scoredAt);
    }
}
