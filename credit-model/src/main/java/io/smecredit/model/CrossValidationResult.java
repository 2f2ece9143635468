package io.smecredit.model;

import java.util.List;
import java.util.Map;

/**
 * Stratified k-fold cross-validation of the whole training procedure (early stopping and calibration included,
 * each inside its fold).
 *
 * @param mean              mean of each metric over the folds
 * @param folds             metrics of each fold's held-out rows
 * @param outOfFoldPds      calibrated PD of every row from the fold model that did not see it
 * @param labels            the rows' labels, aligned with {@code outOfFoldPds}
 * @param featureImportance mean |SHAP| per feature over held-out rows, averaged over folds, largest first
 * @param roundsPerFold     boosting rounds each fold's model kept
 * @param treeShapePerFold  each fold model's {@code max_depth} and {@code min_child_weight}: with the search on, what
 *                          that fold's search chose (folds may choose differently)
 * @param seconds           wall-clock time of the whole cross-validation
 */
public record CrossValidationResult(Metrics mean, List<Metrics> folds, double[] outOfFoldPds, float[] labels,
                                    Map<String, Double> featureImportance, List<Integer> roundsPerFold,
                                    List<Map<String, Object>> treeShapePerFold, double seconds) {

    /** Fold {@code fold}'s tree shape in words: "max_depth 4, min_child_weight 1". */
    public String treeShape(int fold) {
        Map<String, Object> shape = treeShapePerFold.get(fold);
        return "max_depth " + shape.get("max_depth") + ", min_child_weight " + shape.get("min_child_weight");
    }

    /** Metrics over all out-of-fold predictions pooled together. */
    public Metrics pooled() {
        return Metrics.of(outOfFoldPds, labels);
    }
}
