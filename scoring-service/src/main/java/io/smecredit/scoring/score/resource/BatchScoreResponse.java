package io.smecredit.scoring.score.resource;

import java.util.List;

/** Results in the order of the request's items, all by {@code modelVersion}. */
public record BatchScoreResponse(String modelVersion, int count, List<ScoreResponse> results) {
}
