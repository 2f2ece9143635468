package io.smecredit.scoring.model.resource;

import io.smecredit.scoring.model.domain.ScoringModel;

import java.time.Instant;
import java.util.List;

/** What an operator needs to know about the model that is scoring: which one, on what, and how good. */
public record CurrentModelResponse(
        String modelVersion,
        int schemaVersion,
        List<String> features,
        Instant trainedAt,
        int trainingRows,
        Double validationAuc) {

    static CurrentModelResponse of(ScoringModel model) {
        return new CurrentModelResponse(model.version(), model.schemaVersion(), model.featureNames(),
                model.trainedAt(), model.trainingRows(),
                Double.isNaN(model.validationAuc()) ? null : model.validationAuc());
    }
}
