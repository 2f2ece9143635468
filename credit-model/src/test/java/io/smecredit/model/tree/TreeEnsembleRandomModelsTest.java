package io.smecredit.model.tree;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The fast paths (complete-tree layout with integer keys, row blocks, threads, Fast TreeSHAP v2 leaf tables) against
 * plain reference algorithms on random ensembles that XGBoost would rarely produce: few features, so a path splits
 * on the same feature several times; thresholds on a coarse grid, so rows sit exactly on them; missing values both
 * ways; −0, subnormals, ±Float.MAX_VALUE and infinities; trees of uneven depth, shallower and deeper than the
 * complete layout handles.
 */
class TreeEnsembleRandomModelsTest {

    private static final float[] GRID = {-1f, -0.5f, 0f, 0.5f, 1f, 2.5f};

    @Test
    void evaluationFollowsXgboostRulesOnShallowAndDeepTrees() {
        for (int seed = 0; seed < 15; seed++) {
            // Up to 8 deep the complete layout (single rows through SingleRowWalk), 10 the packed nodes; 0: only leaves.
            int depth = new int[]{5, 10, 1, 8, 0}[seed % 5];
            RandomModel model = RandomModel.generate(new Random(seed), 3 + seed % 4, 25, depth);
            TreeEnsemble ensemble = model.ensemble();
            assertThat(ensemble.usesCompleteLayout()).isEqualTo(depth <= 8);
            for (double[] row : rows(new Random(100 + seed), model.features, 300)) {
                assertThat(ensemble.margin(row)).as("seed %d row %s", seed, Arrays.toString(row))
                        .isCloseTo(model.referenceMargin(row), within(1e-9));
                assertThat(ensemble.margin(toFloats(row))).isEqualTo(ensemble.margin(row));
                assertThat(ensemble.arrayMargin(row)).isEqualTo(ensemble.margin(row));
            }
        }
    }

    @Test
    void batchesGiveExactlyTheSingleRowProbabilitiesWhateverTheirSizeAndThreads() {
        RandomModel model = RandomModel.generate(new Random(5), 6, 40, 6);
        TreeEnsemble ensemble = model.ensemble();
        for (int size : new int[]{0, 1, 7, 8, 9, 64, 65, 1001}) {
            double[][] rows = rows(new Random(size), model.features, size);
            double[] flat = new double[size * model.features];
            float[] floats = new float[size * model.features];
            for (int r = 0; r < size; r++) {
                for (int f = 0; f < model.features; f++) {
                    flat[r * model.features + f] = rows[r][f];
                    floats[r * model.features + f] = (float) rows[r][f];
                }
            }
            double[] single = Arrays.stream(rows).mapToDouble(ensemble::probability).toArray();
            assertThat(ensemble.probabilities(flat, size)).as("%d rows", size).containsExactly(single);
            assertThat(ensemble.probabilities(floats, size)).as("%d float rows", size).containsExactly(single);
            assertThat(ensemble.probabilities(flat, size, 3)).as("%d rows, 3 threads", size).containsExactly(single);
        }
    }

    @Test
    void leafTablesGiveTheRecursiveTreeShapOnRandomModels() {
        // 3 features: many repeated splits on a path. Depth 9 over 10 features: leaves with up to 9 distinct path
        // features (512 patterns each). 12 features at depths 4 and 6: the slot counts with dedicated code.
        int[] features = {3, 3, 3, 3, 10, 10, 12, 12, 12, 12};
        int[] depths = {6, 6, 4, 4, 9, 9, 4, 4, 6, 6};
        for (int seed = 0; seed < features.length; seed++) {
            RandomModel model = RandomModel.generate(new Random(seed), features[seed], 15, depths[seed]);
            TreeEnsemble ensemble = model.ensemble();
            assertThat(ensemble.usesLeafTables()).isTrue();
            for (double[] row : rows(new Random(200 + seed), model.features, 150)) {
                double[] fast = ensemble.contributions(row);
                double[] recursive = ensemble.recursiveContributions(row);
                for (int f = 0; f <= model.features; f++) {
                    assertThat(fast[f]).as("seed %d feature %d row %s", seed, f, Arrays.toString(row))
                            .isCloseTo(recursive[f], within(1e-6));
                }
                // Float32 table entries: each within 2^-24 of its value, far below what a reason could show.
                assertThat(Arrays.stream(fast).sum()).isCloseTo(ensemble.margin(row), within(1e-6));
            }
        }
    }

    @Test
    void modelsWhoseLeafTablesWouldExceedTheCapAreExplainedRecursively() {
        RandomModel model = RandomModel.generate(new Random(9), 8, 10, 7);
        TreeEnsemble ensemble = model.ensemble();
        double[] row = rows(new Random(1), model.features, 1)[0];
        assertThat(ensemble.leafTableContributions(row, 1024)).isNull();
        assertThat(ensemble.leafTableContributions(row, TreeEnsemble.LEAF_TABLE_BYTES_CAP))
                .containsExactly(ensemble.contributions(row));
        assertThat(TreeEnsemble.LEAF_TABLE_BYTES_CAP).isEqualTo(64L << 20);
    }

    @Test
    void orderKeysCompareLikeFloats() {
        float[] values = {-Float.MAX_VALUE, -1e38f, -2.5f, -1f, -Float.MIN_NORMAL, -Float.MIN_VALUE, -0f, 0f,
                Float.MIN_VALUE, Float.MIN_NORMAL, Math.nextDown(1f), 1f, Math.nextUp(1f), 1e38f, Float.MAX_VALUE,
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        for (float a : values) {
            for (float b : values) {
                assertThat(TreeEnsemble.orderKey(a) < TreeEnsemble.orderKey(b)).as("%s < %s", a, b).isEqualTo(a < b);
            }
        }
    }

    /** Grid values, one float either side of them, missing values, extremes and random values. */
    private static double[][] rows(Random random, int features, int count) {
        double[] special = {Double.NaN, -0.0, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE,
                1e38, -1e38, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                // Doubles that round to a threshold only as floats.
                0.5 + 1e-12, 1 - 1e-12};
        double[][] rows = new double[count][features];
        for (double[] row : rows) {
            for (int f = 0; f < features; f++) {
                double u = random.nextDouble();
                float grid = GRID[random.nextInt(GRID.length)];
                row[f] = u < 0.2 ? Double.NaN
                        : u < 0.45 ? grid
                        : u < 0.55 ? Math.nextDown(grid)
                        : u < 0.65 ? Math.nextUp(grid)
                        : u < 0.75 ? special[random.nextInt(special.length)]
                        : random.nextGaussian() * 2;
            }
        }
        return rows;
    }

    private static float[] toFloats(double[] row) {
        float[] out = new float[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = (float) row[i];
        }
        return out;
    }

    /** Node arrays of a random ensemble, and the textbook way to evaluate them. */
    private static final class RandomModel {
        final int features;
        final double baseMargin;
        final List<Integer> roots = new ArrayList<>();
        final List<Integer> left = new ArrayList<>();
        final List<Integer> right = new ArrayList<>();
        final List<Integer> feature = new ArrayList<>();
        final List<Float> threshold = new ArrayList<>();
        final List<Boolean> defaultLeft = new ArrayList<>();
        final List<Double> value = new ArrayList<>();
        final List<Double> cover = new ArrayList<>();

        private RandomModel(int features, double baseMargin) {
            this.features = features;
            this.baseMargin = baseMargin;
        }

        static RandomModel generate(Random random, int features, int trees, int maxDepth) {
            RandomModel model = new RandomModel(features, random.nextGaussian());
            for (int t = 0; t < trees; t++) {
                model.roots.add(model.grow(random, maxDepth, 0));
            }
            return model;
        }

        private int grow(Random random, int maxDepth, int depth) {
            int node = left.size();
            left.add(-1);
            right.add(-1);
            feature.add(0);
            threshold.add(0f);
            defaultLeft.add(false);
            // XGBoost stores leaf values as float32.
            value.add((double) (float) (random.nextGaussian() * 0.3));
            cover.add(1 + random.nextInt(100) + random.nextDouble());
            boolean leaf = depth == maxDepth || (depth > 0 && random.nextDouble() < 0.15);
            if (leaf) {
                return node;
            }
            int l = grow(random, maxDepth, depth + 1);
            int r = grow(random, maxDepth, depth + 1);
            left.set(node, l);
            right.set(node, r);
            feature.set(node, random.nextInt(features));
            threshold.set(node, GRID[random.nextInt(GRID.length)]);
            defaultLeft.set(node, random.nextBoolean());
            cover.set(node, cover.get(l) + cover.get(r));
            return node;
        }

        TreeEnsemble ensemble() {
            int n = left.size();
            float[] thresholds = new float[n];
            boolean[] defaults = new boolean[n];
            for (int i = 0; i < n; i++) {
                thresholds[i] = threshold.get(i);
                defaults[i] = defaultLeft.get(i);
            }
            return new TreeEnsemble(features, baseMargin, ints(roots), ints(left), ints(right), ints(feature),
                    thresholds, defaults, value.stream().mapToDouble(Double::doubleValue).toArray(),
                    cover.stream().mapToDouble(Double::doubleValue).toArray());
        }

        /** XGBoost's rule read literally: float32 {@code x < threshold} goes left, NaN the default way. */
        double referenceMargin(double[] row) {
            double margin = baseMargin;
            for (int root : roots) {
                int node = root;
                while (left.get(node) >= 0) {
                    double x = row[feature.get(node)];
                    boolean goLeft = Double.isNaN(x) ? defaultLeft.get(node) : (float) x < threshold.get(node);
                    node = goLeft ? left.get(node) : right.get(node);
                }
                margin += value.get(node);
            }
            return margin;
        }

        private static int[] ints(List<Integer> values) {
            return values.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
