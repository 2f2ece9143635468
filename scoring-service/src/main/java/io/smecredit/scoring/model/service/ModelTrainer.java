package io.smecredit.scoring.model.service;

import io.smecredit.scoring.model.domain.Auc;
import io.smecredit.scoring.model.domain.ScoringModel;
import io.smecredit.scoring.model.domain.TrainingParameters;
import io.smecredit.scoring.model.domain.TrainingSet;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * Trains an XGBoost default model from any {@link TrainingSet}, simulated or real, and names it after the
 * SHA-256 of its serialised bytes so a version always identifies exactly one set of trees.
 */
public final class ModelTrainer {

    /** Universal Binary JSON: XGBoost's own, version-stable model format. */
    static final String MODEL_FORMAT = "ubj";
    private static final int VERSION_HASH_HEX_CHARS = 12;

    private final Clock clock;

    public ModelTrainer(Clock clock) {
        this.clock = clock;
    }

    public TrainingResult train(TrainingSet training, TrainingSet validation, TrainingParameters parameters,
                                int schemaVersion, String versionPrefix) {
        if (!training.featureNames().equals(validation.featureNames())) {
            throw new IllegalArgumentException("Training and validation sets have different features");
        }
        long started = System.nanoTime();
        DMatrix trainMatrix = null;
        DMatrix validationMatrix = null;
        Booster trained = null;
        try {
            trainMatrix = matrix(training);
            validationMatrix = matrix(validation);
            trained = XGBoost.train(trainMatrix, parameters.toXgboostParams(), parameters.rounds(),
                    Map.of(), null, null);
            byte[] bytes = trained.toByteArray(MODEL_FORMAT);
            // Serve the model loaded back from the bytes that were hashed, so the version cannot drift from the weights.
            Booster served = XGBoost.loadModel(bytes);
            served.setParam("nthread", parameters.threads());
            Duration trainingTime = Duration.ofNanos(System.nanoTime() - started);
            double auc = Auc.of(predictions(served, validation), validation.labels());
            ScoringModel model = new ScoringModel(served, versionPrefix + shortHash(bytes), schemaVersion,
                    training.featureNames(), clock.instant(), training.rows(), auc);
            return new TrainingResult(model, bytes, trainingTime);
        } catch (XGBoostError | IOException e) {
            throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
        } finally {
            dispose(trainMatrix);
            dispose(validationMatrix);
            if (trained != null) {
                trained.dispose();
            }
        }
    }

    static String shortHash(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest).substring(0, VERSION_HASH_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    private static DMatrix matrix(TrainingSet set) throws XGBoostError {
        DMatrix matrix = new DMatrix(set.features(), set.rows(), set.columns(), Float.NaN);
        matrix.setLabel(set.labels());
        return matrix;
    }

    private static void dispose(DMatrix matrix) {
        if (matrix != null) {
            matrix.dispose();
        }
    }

    private static float[] predictions(Booster booster, TrainingSet set) throws XGBoostError {
        float[][] predicted = booster.inplace_predict(set.features(), set.rows(), set.columns(), Float.NaN);
        float[] flat = new float[set.rows()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = predicted[i][0];
        }
        return flat;
    }
}
