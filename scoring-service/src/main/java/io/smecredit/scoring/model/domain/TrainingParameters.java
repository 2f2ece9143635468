package io.smecredit.scoring.model.domain;

import java.util.HashMap;
import java.util.Map;

/**
 * Hyper-parameters of a gradient-boosted default model. {@code seed} and a single thread are what make two
 * trainings on the same rows produce byte-identical models, so a model version can name its exact weights.
 */
public record TrainingParameters(int rounds, int maxDepth, double learningRate, double minChildWeight, long seed,
                                 int threads) {

    /** Shallow trees and a modest learning rate: few features and a rare label overfit quickly otherwise. */
    public static final TrainingParameters BOOTSTRAP = new TrainingParameters(100, 3, 0.1, 5.0, 42L, 1);

    public Map<String, Object> toXgboostParams() {
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "binary:logistic");
        params.put("tree_method", "hist");
        params.put("eval_metric", "auc");
        params.put("max_depth", maxDepth);
        params.put("eta", learningRate);
        params.put("min_child_weight", minChildWeight);
        params.put("seed", seed);
        params.put("nthread", threads);
        params.put("verbosity", 0);
        return params;
    }
}
