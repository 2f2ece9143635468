package io.smecredit.model.tree;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The pure-Java evaluator must give what xgboost4j gives on the same model, including the awkward rows: missing
 * values, values exactly on split thresholds, and extreme magnitudes.
 */
class TreeEnsembleParityTest {

    private static final int FEATURES = 5;
    private static Booster booster;
    private static TreeEnsemble ensemble;
    private static float[][] golden;

    @BeforeAll
    static void trainModel() throws Exception {
        Random random = new Random(17);
        int rows = 3_000;
        float[] x = new float[rows * FEATURES];
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            double risk = 0;
            for (int f = 0; f < FEATURES; f++) {
                // Coarse values create many rows exactly on thresholds; some cells are missing.
                float value = random.nextDouble() < 0.1 ? Float.NaN : Math.round(random.nextGaussian() * 4) / 4f;
                x[r * FEATURES + f] = value;
                risk += Float.isNaN(value) ? 0.3 : (f + 1) * 0.4 * value;
            }
            y[r] = random.nextDouble() < 1 / (1 + Math.exp(-(risk - 2))) ? 1 : 0;
        }
        DMatrix train = new DMatrix(x, rows, FEATURES, Float.NaN);
        train.setLabel(y);
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "binary:logistic");
        params.put("tree_method", "hist");
        params.put("max_depth", 5);
        params.put("eta", 0.2);
        params.put("seed", 3);
        params.put("nthread", 1);
        booster = XGBoost.train(train, params, 60, Map.of(), null, null);
        train.dispose();
        ensemble = XgboostJsonModel.parse(booster.toByteArray("json"));
        golden = goldenRows(random);
    }

    @AfterAll
    static void release() {
        booster.dispose();
    }

    @Test
    void probabilitiesMatchXgboostOnTheGoldenSet() throws Exception {
        float[][] expected = booster.predict(matrix(golden));
        for (int r = 0; r < golden.length; r++) {
            assertThat(ensemble.probability(toDoubles(golden[r])))
                    .as("row %d %s", r, Arrays.toString(golden[r]))
                    .isCloseTo(expected[r][0], within(1e-6));
        }
    }

    @Test
    void batchEvaluationGivesTheSameProbabilitiesAsSingleRows() {
        double[] flat = new double[golden.length * FEATURES];
        for (int r = 0; r < golden.length; r++) {
            System.arraycopy(toDoubles(golden[r]), 0, flat, r * FEATURES, FEATURES);
        }
        double[] batch = ensemble.probabilities(flat, golden.length);
        for (int r = 0; r < golden.length; r++) {
            assertThat(batch[r]).isEqualTo(ensemble.probability(toDoubles(golden[r])));
        }
    }

    @Test
    void contributionsSumWithTheBaseValueToTheMargin() {
        for (float[] row : golden) {
            double[] values = toDoubles(row);
            double sum = Arrays.stream(ensemble.contributions(values)).sum();
            // The leaf tables store float32 contributions (XGBoost's TreeSHAP computes in float32 throughout).
            assertThat(sum).isCloseTo(ensemble.margin(values), within(1e-6));
        }
    }

    @Test
    void contributionsMatchXgboostTreeShap() throws Exception {
        float[][] expected = booster.predictContrib(matrix(golden), 0);
        for (int r = 0; r < golden.length; r++) {
            double[] phi = ensemble.contributions(toDoubles(golden[r]));
            for (int f = 0; f <= FEATURES; f++) {
                assertThat(phi[f]).as("row %d feature %d", r, f).isCloseTo(expected[r][f], within(1e-4));
            }
        }
    }

    @Test
    void leafTablesGiveWhatTheRecursiveAlgorithmGives() {
        assertThat(ensemble.usesLeafTables()).isTrue();
        for (float[] row : golden) {
            double[] values = toDoubles(row);
            double[] fast = ensemble.contributions(values);
            double[] recursive = ensemble.recursiveContributions(values);
            for (int f = 0; f <= FEATURES; f++) {
                assertThat(fast[f]).as("feature %d of %s", f, Arrays.toString(row)).isCloseTo(recursive[f], within(1e-6));
            }
        }
    }

    @Test
    void deepTreesAndAnExplicitBaseScoreMatchXgboostOnEveryPath() throws Exception {
        // Depth 10 is beyond the complete layout, so this exercises the node-by-node path; base_score 0.05 is
        // stored as "[5E-2]" and must become the base margin log(0.05 / 0.95).
        Random random = new Random(23);
        int rows = 2_000;
        float[] x = new float[rows * FEATURES];
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < FEATURES; f++) {
                x[r * FEATURES + f] = random.nextDouble() < 0.15 ? Float.NaN : Math.round(random.nextGaussian() * 8) / 8f;
            }
            y[r] = random.nextDouble() < 0.1 + 0.2 * (Float.isNaN(x[r * FEATURES]) ? 1 : 0) ? 1 : 0;
        }
        DMatrix train = new DMatrix(x, rows, FEATURES, Float.NaN);
        train.setLabel(y);
        Booster deep = XGBoost.train(train, Map.of("objective", "binary:logistic", "max_depth", 10, "eta", 0.3,
                "base_score", 0.05, "min_child_weight", 0.01, "seed", 5, "nthread", 1), 25, Map.of(), null, null);
        train.dispose();
        try {
            TreeEnsemble deepEnsemble = XgboostJsonModel.parse(deep.toByteArray("json"));
            assertThat(deepEnsemble.usesCompleteLayout()).isFalse();
            assertThat(ensemble.usesCompleteLayout()).isTrue();
            assertThat(deepEnsemble.baseMargin()).isCloseTo(Math.log(0.05 / 0.95), within(1e-7));
            float[][] expected = deep.predict(matrix(golden));
            double[] flat = new double[golden.length * FEATURES];
            for (int r = 0; r < golden.length; r++) {
                System.arraycopy(toDoubles(golden[r]), 0, flat, r * FEATURES, FEATURES);
            }
            double[] batch = deepEnsemble.probabilities(flat, golden.length);
            for (int r = 0; r < golden.length; r++) {
                assertThat(deepEnsemble.probability(golden[r])).as("row %d %s", r, Arrays.toString(golden[r]))
                        .isCloseTo(expected[r][0], within(1e-6));
                assertThat(batch[r]).isEqualTo(deepEnsemble.probability(golden[r]));
            }
        } finally {
            deep.dispose();
        }
    }

    @Test
    void floatRowsAndThreadedBatchesGiveWhatDoubleRowsGive() {
        double[] flat = new double[golden.length * FEATURES];
        for (int r = 0; r < golden.length; r++) {
            System.arraycopy(toDoubles(golden[r]), 0, flat, r * FEATURES, FEATURES);
        }
        double[] threaded = ensemble.probabilities(flat, golden.length, 2);
        for (int r = 0; r < golden.length; r++) {
            assertThat(ensemble.probability(golden[r])).isEqualTo(ensemble.probability(toDoubles(golden[r])));
            assertThat(threaded[r]).isEqualTo(ensemble.probability(golden[r]));
        }
    }

    @Test
    void rowsOfTheWrongWidthAreRefused() {
        assertThatThrownBy(() -> ensemble.probability(new double[FEATURES - 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Expected 5 features");
    }

    @Test
    void baseScoreIsReadInBothOfXgboostsNotations() {
        assertThat(XgboostJsonModel.parseBaseScore("[5.0E-2]")).isEqualTo(0.05);
        assertThat(XgboostJsonModel.parseBaseScore("5E-1")).isEqualTo(0.5);
        assertThatThrownBy(() -> XgboostJsonModel.parseBaseScore("[1.5E0]")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Random rows, all-missing rows, rows exactly on every split threshold (and one ulp either side), extremes. */
    private static float[][] goldenRows(Random random) {
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            float[] row = new float[FEATURES];
            for (int f = 0; f < FEATURES; f++) {
                row[f] = random.nextDouble() < 0.2 ? Float.NaN : (float) (random.nextGaussian() * 3);
            }
            rows.add(row);
        }
        float[] allMissing = new float[FEATURES];
        Arrays.fill(allMissing, Float.NaN);
        rows.add(allMissing);
        for (float threshold : new float[]{-0.25f, 0f, 0.25f, 0.5f, 0.75f, 1f, -1f}) {
            for (float value : new float[]{threshold, Math.nextDown(threshold), Math.nextUp(threshold)}) {
                float[] row = new float[FEATURES];
                Arrays.fill(row, value);
                rows.add(row);
                // The same tie with every other feature missing, so default directions combine with it.
                for (int f = 0; f < FEATURES; f++) {
                    float[] alone = new float[FEATURES];
                    Arrays.fill(alone, Float.NaN);
                    alone[f] = value;
                    rows.add(alone);
                }
            }
        }
        for (float extreme : new float[]{Float.MAX_VALUE, -Float.MAX_VALUE, 1e38f, -1e38f, 1e30f, -1e30f,
                Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 0f, -0f}) {
            float[] row = new float[FEATURES];
            Arrays.fill(row, extreme);
            rows.add(row);
        }
        return rows.toArray(float[][]::new);
    }

    private static DMatrix matrix(float[][] rows) throws Exception {
        float[] flat = new float[rows.length * FEATURES];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * FEATURES, FEATURES);
        }
        return new DMatrix(flat, rows.length, FEATURES, Float.NaN);
    }

    private static double[] toDoubles(float[] row) {
        double[] values = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            values[i] = row[i];
        }
        return values;
    }
}
