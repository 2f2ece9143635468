package io.smecredit.scoring.score.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smecredit.contracts.ScoreReason;
import io.smecredit.scoring.score.service.RequestScoring;

import java.util.List;

/**
 * A score: calibrated one-year PD, points (600 at good:bad odds 50:1, 20 points to double the odds, 300–900),
 * grade band and up to four principal reasons, strongest first, by the model that gave it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoreResponse(String smeId, double pd, int score, String grade, List<ScoreReason> reasons,
                            String modelVersion) {

    static ScoreResponse of(RequestScoring.Scored scored) {
        var s = scored.score();
        return new ScoreResponse(scored.smeId(), s.pd(), s.score(), s.grade().name(), s.reasons(), s.modelVersion());
    }
}
