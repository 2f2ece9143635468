package io.smecredit.scoring.score.domain;

import io.smecredit.contracts.ScoreReason;

import java.util.List;

/** What one model says about one feature row: calibrated PD, points, grade and the principal reasons. */
public record ModelScore(double pd, int score, Grade grade, List<ScoreReason> reasons, String modelVersion) {
}
