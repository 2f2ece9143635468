package io.smecredit.model.tree;

import java.util.Arrays;

/**
 * A gradient-boosted tree ensemble for binary classification, evaluated in pure Java from flattened, immutable
 * arrays. It reproduces XGBoost's prediction rules exactly: features and thresholds are compared as 32-bit
 * floats ({@code value < threshold} goes left), a missing value (NaN) follows the node's default direction, and
 * the margin is the base margin plus the sum of one leaf per tree.
 *
 * <p>Thread-safe: nothing is mutated after construction, so a new model can be swapped in atomically.
 */
public final class TreeEnsemble {

    private static final int LEAF = -1;

    private final int featureCount;
    private final double baseMargin;
    private final int[] roots;
    private final int[] left;
    private final int[] right;
    private final int[] feature;
    private final float[] threshold;
    private final boolean[] defaultLeft;
    private final double[] leafValue;
    private final double[] cover;
    private final int maxDepth;

    /**
     * @param roots index of each tree's root in the node arrays
     * @param left  absolute index of the left child, or -1 for a leaf (likewise {@code right})
     * @param cover the training hessian sum of each node, needed for SHAP values
     */
    public TreeEnsemble(int featureCount, double baseMargin, int[] roots, int[] left, int[] right, int[] feature,
                        float[] threshold, boolean[] defaultLeft, double[] leafValue, double[] cover) {
        int nodes = left.length;
        if (right.length != nodes || feature.length != nodes || threshold.length != nodes
                || defaultLeft.length != nodes || leafValue.length != nodes || cover.length != nodes) {
            throw new IllegalArgumentException("Node arrays must all have the same length");
        }
        this.featureCount = featureCount;
        this.baseMargin = baseMargin;
        this.roots = roots.clone();
        this.left = left.clone();
        this.right = right.clone();
        this.feature = feature.clone();
        this.threshold = threshold.clone();
        this.defaultLeft = defaultLeft.clone();
        this.leafValue = leafValue.clone();
        this.cover = cover.clone();
        for (int n = 0; n < nodes; n++) {
            if (left[n] != LEAF && (feature[n] < 0 || feature[n] >= featureCount)) {
                throw new IllegalArgumentException("Node " + n + " splits on unknown feature " + feature[n]);
            }
        }
        int depth = 0;
        for (int root : roots) {
            depth = Math.max(depth, depth(root));
        }
        this.maxDepth = depth;
    }

    public int featureCount() {
        return featureCount;
    }

    public int treeCount() {
        return roots.length;
    }

    public double baseMargin() {
        return baseMargin;
    }

    /** Log-odds of default for one row; {@code Double.NaN} marks a missing feature. */
    public double margin(double[] row) {
        requireWidth(row);
        double margin = baseMargin;
        for (int root : roots) {
            margin += leafValue[leafFor(root, row)];
        }
        return margin;
    }

    public double probability(double[] row) {
        return sigmoid(margin(row));
    }

    /** Probabilities for {@code rows} rows stored row-major in {@code values}; tree-major order keeps each tree in cache. */
    public double[] probabilities(double[] values, int rows) {
        if (values.length != rows * featureCount) {
            throw new IllegalArgumentException("Expected " + rows * featureCount + " values, got " + values.length);
        }
        double[] margins = new double[rows];
        Arrays.fill(margins, baseMargin);
        for (int root : roots) {
            for (int r = 0; r < rows; r++) {
                int node = root;
                int offset = r * featureCount;
                while (left[node] != LEAF) {
                    node = child(node, values[offset + feature[node]]);
                }
                margins[r] += leafValue[node];
            }
        }
        for (int r = 0; r < rows; r++) {
            margins[r] = sigmoid(margins[r]);
        }
        return margins;
    }

    /**
     * Exact TreeSHAP (Lundberg et al., Algorithm 2) contributions of each feature to the margin of one row, with
     * the expected margin (the base value) in the last slot: the slots always sum to {@link #margin(double[])}.
     */
    public double[] contributions(double[] row) {
        requireWidth(row);
        double[] phi = new double[featureCount + 1];
        int pathCapacity = (maxDepth + 2) * (maxDepth + 3) / 2 + maxDepth + 2;
        int[] pathFeature = new int[pathCapacity];
        double[] pathZero = new double[pathCapacity];
        double[] pathOne = new double[pathCapacity];
        double[] pathWeight = new double[pathCapacity];
        Path path = new Path(pathFeature, pathZero, pathOne, pathWeight);
        double expected = baseMargin;
        for (int root : roots) {
            recurse(root, row, phi, path, 0, 0, 1, 1, -1);
            expected += expectedValue(root);
        }
        phi[featureCount] = expected;
        return phi;
    }

    private int leafFor(int root, double[] row) {
        int node = root;
        while (left[node] != LEAF) {
            node = child(node, row[feature[node]]);
        }
        return node;
    }

    private int child(int node, double value) {
        if (Double.isNaN(value)) {
            return defaultLeft[node] ? left[node] : right[node];
        }
        return (float) value < threshold[node] ? left[node] : right[node];
    }

    private double expectedValue(int node) {
        if (left[node] == LEAF) {
            return leafValue[node];
        }
        return (cover[left[node]] * expectedValue(left[node]) + cover[right[node]] * expectedValue(right[node]))
                / cover[node];
    }

    private int depth(int node) {
        return left[node] == LEAF ? 0 : 1 + Math.max(depth(left[node]), depth(right[node]));
    }

    private void requireWidth(double[] row) {
        if (row.length != featureCount) {
            throw new IllegalArgumentException("Expected " + featureCount + " features, got " + row.length);
        }
    }

    static double sigmoid(double margin) {
        return 1.0 / (1.0 + Math.exp(-margin));
    }

    /** The feature path of the TreeSHAP recursion, stored as parallel arrays; each level works on its own slice. */
    private record Path(int[] feature, double[] zero, double[] one, double[] weight) {
        void copy(int from, int to, int length) {
            System.arraycopy(feature, from, feature, to, length);
            System.arraycopy(zero, from, zero, to, length);
            System.arraycopy(one, from, one, to, length);
            System.arraycopy(weight, from, weight, to, length);
        }
    }

    private void recurse(int node, double[] row, double[] phi, Path path, int start, int uniqueDepth,
                         double parentZero, double parentOne, int parentFeature) {
        // This level's slice starts after the parent's, so siblings never see each other's path.
        extend(path, start, uniqueDepth, parentZero, parentOne, parentFeature);
        if (left[node] == LEAF) {
            for (int i = 1; i <= uniqueDepth; i++) {
                double w = unwoundSum(path, start, uniqueDepth, i);
                phi[path.feature[start + i]] += w * (path.one[start + i] - path.zero[start + i]) * leafValue[node];
            }
            return;
        }
        int split = feature[node];
        int hot = child(node, row[split]);
        int cold = hot == left[node] ? right[node] : left[node];
        double incomingZero = 1;
        double incomingOne = 1;
        int depth = uniqueDepth;
        for (int k = 1; k <= depth; k++) {
            if (path.feature[start + k] == split) {
                incomingZero = path.zero[start + k];
                incomingOne = path.one[start + k];
                unwind(path, start, depth, k);
                depth--;
                break;
            }
        }
        int next = start + uniqueDepth + 1;
        path.copy(start, next, depth + 1);
        recurse(hot, row, phi, path, next, depth + 1, cover[hot] / cover[node] * incomingZero, incomingOne, split);
        path.copy(start, next, depth + 1);
        recurse(cold, row, phi, path, next, depth + 1, cover[cold] / cover[node] * incomingZero, 0, split);
    }

    private static void extend(Path p, int s, int depth, double zero, double one, int featureIndex) {
        p.feature[s + depth] = featureIndex;
        p.zero[s + depth] = zero;
        p.one[s + depth] = one;
        p.weight[s + depth] = depth == 0 ? 1 : 0;
        for (int i = depth - 1; i >= 0; i--) {
            p.weight[s + i + 1] += one * p.weight[s + i] * (i + 1) / (depth + 1);
            p.weight[s + i] = zero * p.weight[s + i] * (depth - i) / (depth + 1);
        }
    }

    private static void unwind(Path p, int s, int depth, int index) {
        double one = p.one[s + index];
        double zero = p.zero[s + index];
        double nextOnePortion = p.weight[s + depth];
        for (int i = depth - 1; i >= 0; i--) {
            if (one != 0) {
                double previous = p.weight[s + i];
                p.weight[s + i] = nextOnePortion * (depth + 1) / ((i + 1) * one);
                nextOnePortion = previous - p.weight[s + i] * zero * (depth - i) / (depth + 1);
            } else {
                p.weight[s + i] = p.weight[s + i] * (depth + 1) / (zero * (depth - i));
            }
        }
        for (int i = index; i < depth; i++) {
            p.feature[s + i] = p.feature[s + i + 1];
            p.zero[s + i] = p.zero[s + i + 1];
            p.one[s + i] = p.one[s + i + 1];
        }
    }

    private static double unwoundSum(Path p, int s, int depth, int index) {
        double one = p.one[s + index];
        double zero = p.zero[s + index];
        double nextOnePortion = p.weight[s + depth];
        double total = 0;
        for (int i = depth - 1; i >= 0; i--) {
            if (one != 0) {
                double tmp = nextOnePortion * (depth + 1) / ((i + 1) * one);
                total += tmp;
                nextOnePortion = p.weight[s + i] - tmp * zero * (depth - i) / (depth + 1);
            } else {
                total += p.weight[s + i] / zero / ((double) (depth - i) / (depth + 1));
            }
        }
        return total;
    }
}
