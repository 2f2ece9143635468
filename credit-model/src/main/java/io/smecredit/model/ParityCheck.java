package io.smecredit.model;

import io.smecredit.model.tree.TreeEnsemble;
import io.smecredit.model.tree.XgboostJsonModel;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Proves, before a model is served, that the pure-Java evaluator gives what xgboost4j gives on the same booster,
 * on rows chosen to hit the evaluator's edge cases.
 */
public final class ParityCheck {

    public static final double TOLERANCE = 1e-6;

    /**
     * The largest magnitude in a golden row: extreme (far beyond any threshold a credit model learns) but finite
     * and accepted by xgboost4j's DMatrix, so the set can be handed to xgboost4j as it is. Infinity is refused there
     * ("Input data contains `inf` or a value too large"), and serving refuses infinite features anyway.
     */
    public static final float LARGEST_MAGNITUDE = 1e38f;

    private ParityCheck() {
    }

    /** Raw probabilities of both evaluators on {@code goldenRows}; passes iff they never differ by more than 1e-6. */
    public static ParityReport check(ModelArtifact artifact, float[][] goldenRows) {
        TreeEnsemble ensemble = XgboostJsonModel.parse(artifact.boosterJson());
        int width = ensemble.featureCount();
        float[] flat = new float[goldenRows.length * width];
        for (int r = 0; r < goldenRows.length; r++) {
            if (goldenRows[r].length != width) {
                throw new IllegalArgumentException("Golden row " + r + " has " + goldenRows[r].length
                        + " values, the model " + width);
            }
            System.arraycopy(goldenRows[r], 0, flat, r * width, width);
        }
        float[][] expected;
        Booster booster = null;
        DMatrix matrix = null;
        try {
            booster = XGBoost.loadModel(artifact.boosterJson());
            booster.setParam("nthread", 1);
            matrix = new DMatrix(flat, goldenRows.length, width, Float.NaN);
            expected = booster.predict(matrix);
        } catch (XGBoostError | IOException e) {
            throw new IllegalStateException("xgboost4j could not evaluate model " + artifact.version() + ": " + e.getMessage(), e);
        } finally {
            if (matrix != null) {
                matrix.dispose();
            }
            if (booster != null) {
                booster.dispose();
            }
        }
        double worst = 0;
        int worstRow = -1;
        for (int r = 0; r < goldenRows.length; r++) {
            double diff = Math.abs(ensemble.probability(goldenRows[r]) - expected[r][0]);
            if (Double.isNaN(diff)) {
                diff = Double.POSITIVE_INFINITY;
            }
            if (diff > worst || worstRow < 0) {
                worst = diff;
                worstRow = r;
            }
        }
        return new ParityReport(artifact.version(), goldenRows.length, worst, worstRow, TOLERANCE);
    }

    /**
     * A golden set for {@code artifact}: per feature, every split threshold the model uses together with its two
     * neighbouring floats (values exactly on a threshold must go right), missing values, all-missing rows,
     * extreme magnitudes up to ±{@link #LARGEST_MAGNITUDE}, −0 and subnormals, and random rows mixing thresholds and
     * missing values. Every value is NaN or finite with a magnitude of at most {@link #LARGEST_MAGNITUDE}, so
     * xgboost4j accepts the set unchanged.
     */
    public static float[][] goldenSet(ModelArtifact artifact, long seed) {
        TreeEnsemble ensemble = XgboostJsonModel.parse(artifact.boosterJson());
        int width = ensemble.featureCount();
        List<TreeSet<Float>> thresholds = ensemble.splitThresholdsByFeature();
        Random random = new Random(seed);
        List<float[]> rows = new ArrayList<>();
        float[] allMissing = new float[width];
        Arrays.fill(allMissing, Float.NaN);
        rows.add(allMissing);
        for (float extreme : new float[]{LARGEST_MAGNITUDE, -LARGEST_MAGNITUDE, 1e30f, -1e30f, Float.MIN_VALUE,
                -Float.MIN_VALUE, Float.MIN_NORMAL, 0f, -0f}) {
            float[] row = new float[width];
            Arrays.fill(row, extreme);
            rows.add(row);
        }
        // Each threshold (and its neighbours) in an otherwise random row, so the split is actually reached often.
        for (int f = 0; f < width; f++) {
            for (float threshold : thresholds.get(f)) {
                for (float value : new float[]{threshold, Math.nextDown(threshold), Math.nextUp(threshold)}) {
                    float[] row = randomRow(thresholds, random, width);
                    row[f] = value;
                    rows.add(row);
                }
            }
        }
        for (int i = 0; i < 500; i++) {
            rows.add(randomRow(thresholds, random, width));
        }
        // One row per feature missing alone, the rest at a threshold: exercises each default direction.
        for (int f = 0; f < width; f++) {
            float[] row = randomRow(thresholds, random, width);
            row[f] = Float.NaN;
            rows.add(row);
        }
        // A threshold's neighbour or a random offset from a huge threshold could leave the accepted range.
        for (float[] row : rows) {
            for (int f = 0; f < width; f++) {
                if (Math.abs(row[f]) > LARGEST_MAGNITUDE) {
                    row[f] = Math.copySign(LARGEST_MAGNITUDE, row[f]);
                }
            }
        }
        return rows.toArray(float[][]::new);
    }

    private static float[] randomRow(List<TreeSet<Float>> thresholds, Random random, int width) {
        float[] row = new float[width];
        for (int f = 0; f < width; f++) {
            TreeSet<Float> own = thresholds.get(f);
            double u = random.nextDouble();
            if (u < 0.15 || own.isEmpty()) {
                row[f] = u < 0.15 ? Float.NaN : (float) random.nextGaussian();
            } else {
                Float[] values = own.toArray(Float[]::new);
                float t = values[random.nextInt(values.length)];
                int pick = random.nextInt(4);
                row[f] = switch (pick) {
                    case 0 -> t;
                    case 1 -> Math.nextDown(t);
                    case 2 -> Math.nextUp(t);
                    default -> t + (float) random.nextGaussian() * Math.max(1f, Math.abs(t));
                };
            }
        }
        return row;
    }
}
