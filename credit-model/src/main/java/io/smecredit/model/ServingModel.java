package io.smecredit.model;

import io.smecredit.model.tree.TreeEnsemble;
import io.smecredit.model.tree.XgboostJsonModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A model ready to score: the pure-Java tree evaluator plus the calibration, built once from a
 * {@link ModelArtifact}. Immutable and thread-safe, so a new one can replace the served one with a single
 * reference swap.
 */
public final class ServingModel {

    private final ModelArtifact artifact;
    private final TreeEnsemble ensemble;
    private final List<String> featureNames;
    private final Map<String, Integer> indexByName;
    private final Calibration calibration;

    private ServingModel(ModelArtifact artifact) {
        this.artifact = artifact;
        this.ensemble = XgboostJsonModel.parse(artifact.boosterJson());
        this.featureNames = artifact.featureNames();
        if (ensemble.featureCount() != featureNames.size()) {
            throw new IllegalArgumentException("Model " + artifact.version() + " has " + ensemble.featureCount()
                    + " features in its booster but " + featureNames.size() + " feature names");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < featureNames.size(); i++) {
            index.put(featureNames.get(i), i);
        }
        this.indexByName = Map.copyOf(index);
        this.calibration = artifact.calibration();
    }

    public static ServingModel of(ModelArtifact artifact) {
        return new ServingModel(artifact);
    }

    public ModelArtifact artifact() {
        return artifact;
    }

    public String version() {
        return artifact.version();
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public int treeCount() {
        return ensemble.treeCount();
    }

    /**
     * The model's input row for named feature values. An absent feature (or a null value) is missing and
     * follows the trees' default branches; NaN or an infinite value supplied explicitly is refused, as is any
     * name the model does not know.
     */
    public double[] toRow(Map<String, Double> features) {
        double[] row = new double[featureNames.size()];
        Arrays.fill(row, Double.NaN);
        List<String> unknown = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (Map.Entry<String, Double> entry : features.entrySet()) {
            Integer index = indexByName.get(entry.getKey());
            if (index == null) {
                unknown.add(entry.getKey());
                continue;
            }
            Double value = entry.getValue();
            if (value == null) {
                continue;
            }
            if (!Double.isFinite(value)) {
                invalid.add(entry.getKey() + "=" + value);
                continue;
            }
            row[index] = value;
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown features for model " + artifact.version() + ": "
                    + new TreeSet<>(unknown));
        }
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException("Feature values must be finite numbers (omit a feature to mark it "
                    + "missing): " + invalid);
        }
        return row;
    }

    /** Log-odds before calibration. */
    public double margin(double[] row) {
        return ensemble.margin(row);
    }

    /** The booster's probability, before calibration: what xgboost4j would predict. */
    public double rawProbability(double[] row) {
        return ensemble.probability(row);
    }

    /** Calibrated probability of default. */
    public double pd(double[] row) {
        return calibration.pd(ensemble.probability(row));
    }

    /** Exact TreeSHAP contributions to the margin, one per feature, with the base value in the last slot. */
    public double[] contributions(double[] row) {
        return ensemble.contributions(row);
    }

    /** Calibrated PDs of {@code rows} rows stored row-major. */
    public double[] pds(double[] rowMajor, int rows) {
        double[] raw = ensemble.probabilities(rowMajor, rows);
        for (int r = 0; r < rows; r++) {
            raw[r] = calibration.pd(raw[r]);
        }
        return raw;
    }

    /** Raw (uncalibrated) probabilities of {@code rows} rows stored row-major. */
    public double[] rawProbabilities(double[] rowMajor, int rows) {
        return ensemble.probabilities(rowMajor, rows);
    }

    public TreeEnsemble ensemble() {
        return ensemble;
    }
}
