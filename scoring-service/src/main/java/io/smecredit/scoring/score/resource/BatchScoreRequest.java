package io.smecredit.scoring.score.resource;

import java.util.List;

/** Up to {@value io.smecredit.scoring.score.service.RequestScoring#MAX_BATCH_ITEMS} items, scored by one model. */
public record BatchScoreRequest(List<ScoreRequest> items) {
}
