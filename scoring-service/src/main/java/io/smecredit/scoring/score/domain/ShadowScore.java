package io.smecredit.scoring.score.domain;

import java.time.Instant;

/** The challenger's score of a consumed vector next to the champion's: stored for comparison, never published. */
public record ShadowScore(String smeId, Instant asOf, String modelVersion, double pd, int score, String grade,
                          String championVersion, double championPd, Instant scoredAt) {
}
