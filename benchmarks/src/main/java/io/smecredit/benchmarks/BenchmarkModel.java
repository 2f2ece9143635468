package io.smecredit.benchmarks;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * The model every benchmark uses: 300 trees of depth 6 over 53 features (the size of the platform's feature
 * schema), trained once on synthetic data with 10 % missing cells and cached on disk so all forks and both
 * evaluators load the very same booster.
 */
final class BenchmarkModel {

    static final int FEATURES = 53;
    static final int TREES = 300;
    static final int DEPTH = 6;

    private BenchmarkModel() {
    }

    static byte[] boosterJson() throws IOException, XGBoostError {
        Path cache = Path.of(System.getProperty("benchmark.model", "target/benchmark-model-300x6.json"));
        if (Files.exists(cache)) {
            return Files.readAllBytes(cache);
        }
        Random random = new Random(2024);
        int rows = 20_000;
        float[] x = new float[rows * FEATURES];
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            double z = -1.5;
            for (int f = 0; f < FEATURES; f++) {
                float v = random.nextDouble() < 0.1 ? Float.NaN : (float) random.nextGaussian();
                x[r * FEATURES + f] = v;
                if (!Float.isNaN(v)) {
                    z += (f % 7 == 0 ? 0.6 : 0.1) * v + (f % 11 == 0 ? 0.3 * v * v : 0);
                }
            }
            y[r] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        DMatrix train = new DMatrix(x, rows, FEATURES, Float.NaN);
        train.setLabel(y);
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "binary:logistic");
        params.put("tree_method", "hist");
        params.put("max_depth", DEPTH);
        params.put("eta", 0.05);
        params.put("nthread", 2);
        params.put("seed", 1);
        Booster booster = XGBoost.train(train, params, TREES, Map.of(), null, null);
        byte[] json = booster.toByteArray("json");
        booster.dispose();
        train.dispose();
        Files.createDirectories(cache.toAbsolutePath().getParent());
        Files.write(cache, json);
        return json;
    }

    /** Realistic input rows: Gaussian values with 10 % missing, drawn from a fixed seed. */
    static double[][] rows(int count, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[count][FEATURES];
        for (double[] row : rows) {
            for (int f = 0; f < FEATURES; f++) {
                row[f] = random.nextDouble() < 0.1 ? Double.NaN : random.nextGaussian();
            }
        }
        return rows;
    }
}
