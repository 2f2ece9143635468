package io.smecredit.scoring.score.domain;

import io.smecredit.model.ServingModel;
import io.smecredit.scoring.model.domain.LoadedModel;

import java.util.List;

/**
 * Scores a row with a loaded model in pure Java: calibrated PD from the model, points on the score scale, grade
 * band, and reasons from exact TreeSHAP contributions on the booster's log-odds (calibration is monotone, so a
 * feature raising the log-odds raises the PD).
 */
public final class ModelScorer {

    private ModelScorer() {
    }

    public static ModelScore score(LoadedModel model, double[] row) {
        ServingModel serving = model.serving();
        double pd = serving.pd(row);
        return new ModelScore(pd, ScoreScale.points(pd), Grade.forPd(pd),
                PrincipalReasons.of(serving.featureNames(), row, serving.contributions(row)), model.version());
    }

    /** Without reasons, for shadow scoring where only the PD is compared. */
    public static ModelScore scoreWithoutReasons(LoadedModel model, double[] row) {
        double pd = model.serving().pd(row);
        return new ModelScore(pd, ScoreScale.points(pd), Grade.forPd(pd), List.of(), model.version());
    }
}
