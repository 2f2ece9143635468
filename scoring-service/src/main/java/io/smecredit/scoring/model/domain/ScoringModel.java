package io.smecredit.scoring.model.domain;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A trained default model and what identifies it. {@link #predictPd} calls native code and must run on a
 * worker thread, never on an event loop.
 */
public final class ScoringModel {

    private final Booster booster;
    private final String version;
    private final int schemaVersion;
    private final List<String> featureNames;
    private final Instant trainedAt;
    private final int trainingRows;
    private final double validationAuc;

    public ScoringModel(Booster booster, String version, int schemaVersion, List<String> featureNames,
                        Instant trainedAt, int trainingRows, double validationAuc) {
        this.booster = booster;
        this.version = version;
        this.schemaVersion = schemaVersion;
        this.featureNames = List.copyOf(featureNames);
        this.trainedAt = trainedAt;
        this.trainingRows = trainingRows;
        this.validationAuc = validationAuc;
    }

    /** Feature values in the model's column order; absent or null features become NaN, which XGBoost treats as missing. */
    public float[] toRow(Map<String, Double> features) {
        float[] row = new float[featureNames.size()];
        for (int i = 0; i < row.length; i++) {
            Double value = features == null ? null : features.get(featureNames.get(i));
            row[i] = value == null ? Float.NaN : value.floatValue();
        }
        return row;
    }

    public double predictPd(Map<String, Double> features) {
        return predict(toRow(features), 1)[0];
    }

    /** Probabilities of default for {@code rows} rows given row-major. */
    public float[] predict(float[] rowMajor, int rows) {
        float[][] predictions;
        try {
            // The native predictor keeps per-booster scratch state; serialising calls is cheap next to the risk.
            synchronized (booster) {
                predictions = booster.inplace_predict(rowMajor, rows, featureNames.size(), Float.NaN);
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("Model " + version + " could not predict", e);
        }
        float[] pds = new float[rows];
        for (int i = 0; i < rows; i++) {
            pds[i] = predictions[i][0];
        }
        return pds;
    }

    public String version() {
        return version;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public Instant trainedAt() {
        return trainedAt;
    }

    public int trainingRows() {
        return trainingRows;
    }

    public double validationAuc() {
        return validationAuc;
    }
}
