package io.smecredit.model.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

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
     * The evaluation layout: three ints per node, children of a node next to each other, trees one after another
     * so a traversal touches one cache line per node. Slot 0 holds {@code feature << 1 | missingGoesLeft} or -1 for
     * a leaf, slot 1 the float bits of the threshold (or of the leaf value), slot 2 the offset of the left child
     * (the right child follows it).
     */
    private final int[] packed;
    private final int[] packedRoots;
    /**
     * Trees of depth up to {@value #MAX_COMPLETE_DEPTH} are also stored as complete binary trees (children of slot i
     * at 2i+1 and 2i+2, shallow leaves padded down with copies of their value), so evaluation is a fixed number of
     * branch-free steps per tree: unpredictable branches, not arithmetic, dominate tree evaluation.
     */
    private static final int MAX_COMPLETE_DEPTH = 8;
    private final int completeDepth;
    private final int internalPerTree;
    private final int[] completeInfo;
    private final float[] completeThreshold;
    private final float[] completeLeaf;
    private final double expectedMargin;

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
        if (depth > 120) {
            throw new IllegalArgumentException("Trees deeper than 120 levels are not supported (depth " + depth + ")");
        }
        this.maxDepth = depth;
        double expected = baseMargin;
        for (int root : roots) {
            expected += expectedValue(root);
        }
        this.expectedMargin = expected;
        this.packedRoots = new int[roots.length];
        this.packed = pack();
        if (maxDepth <= MAX_COMPLETE_DEPTH) {
            completeDepth = maxDepth;
            internalPerTree = (1 << maxDepth) - 1;
            completeInfo = new int[roots.length * internalPerTree];
            completeThreshold = new float[roots.length * internalPerTree];
            completeLeaf = new float[roots.length * (internalPerTree + 1)];
            for (int t = 0; t < roots.length; t++) {
                fillComplete(t, roots[t], 0, 0);
            }
        } else {
            completeDepth = -1;
            internalPerTree = 0;
            completeInfo = null;
            completeThreshold = null;
            completeLeaf = null;
        }
    }

    private void fillComplete(int tree, int node, int slot, int level) {
        if (level == completeDepth) {
            completeLeaf[tree * (internalPerTree + 1) + slot - internalPerTree] = (float) leafValue[node];
            return;
        }
        int at = tree * internalPerTree + slot;
        if (left[node] == LEAF) {
            // Padding: whichever way a row goes, it reaches a copy of this leaf.
            completeInfo[at] = 0;
            completeThreshold[at] = 0f;
            fillComplete(tree, node, 2 * slot + 1, level + 1);
            fillComplete(tree, node, 2 * slot + 2, level + 1);
            return;
        }
        completeInfo[at] = feature[node] << 1 | (defaultLeft[node] ? 0 : 1);
        completeThreshold[at] = threshold[node];
        fillComplete(tree, left[node], 2 * slot + 1, level + 1);
        fillComplete(tree, right[node], 2 * slot + 2, level + 1);
    }

    /** Margin contribution of tree {@code tree} in the complete layout. */
    private float completeLeaf(int tree, float[] x) {
        int[] info = completeInfo;
        float[] thresholds = completeThreshold;
        int base = tree * internalPerTree;
        int slot = 0;
        for (int level = 0; level < completeDepth; level++) {
            int node = info[base + slot];
            float value = x[node >>> 1];
            // value < threshold goes left; NaN fails the comparison and takes the node's missing direction.
            int goRight = (value < thresholds[base + slot] ? 0 : 1) & (value == value ? 1 : node & 1);
            slot = 2 * slot + 1 + goRight;
        }
        return completeLeaf[tree * (internalPerTree + 1) + slot - internalPerTree];
    }

    private int step(int base, int slot, float[] x) {
        int node = completeInfo[base + slot];
        float value = x[node >>> 1];
        int goRight = (value < completeThreshold[base + slot] ? 0 : 1) & (value == value ? 1 : node & 1);
        return 2 * slot + 1 + goRight;
    }

    /**
     * Sum of all trees for one row in the complete layout, four trees in lockstep: each traversal is a chain of
     * dependent loads, and four independent chains keep the CPU busy while each one waits. Trees are still
     * added in order, so the sum is the same as one tree at a time.
     */
    private double completeMargin(float[] x) {
        int trees = packedRoots.length;
        int leaves = internalPerTree + 1;
        double margin = baseMargin;
        int t = 0;
        for (; t + 4 <= trees; t += 4) {
            int b0 = t * internalPerTree;
            int b1 = b0 + internalPerTree;
            int b2 = b1 + internalPerTree;
            int b3 = b2 + internalPerTree;
            int s0 = 0;
            int s1 = 0;
            int s2 = 0;
            int s3 = 0;
            for (int level = 0; level < completeDepth; level++) {
                s0 = step(b0, s0, x);
                s1 = step(b1, s1, x);
                s2 = step(b2, s2, x);
                s3 = step(b3, s3, x);
            }
            margin += completeLeaf[t * leaves + s0 - internalPerTree];
            margin += completeLeaf[(t + 1) * leaves + s1 - internalPerTree];
            margin += completeLeaf[(t + 2) * leaves + s2 - internalPerTree];
            margin += completeLeaf[(t + 3) * leaves + s3 - internalPerTree];
        }
        for (; t < trees; t++) {
            margin += completeLeaf(t, x);
        }
        return margin;
    }

    /** One block of rows, tree by tree, four rows in lockstep (see {@link #completeMargin}). */
    private void addCompleteBlock(double[] margins, float[][] x, int start, int end) {
        int leaves = internalPerTree + 1;
        for (int t = 0; t < packedRoots.length; t++) {
            int base = t * internalPerTree;
            int leafBase = t * leaves - internalPerTree;
            int r = start;
            for (; r + 4 <= end; r += 4) {
                float[] x0 = x[r - start];
                float[] x1 = x[r - start + 1];
                float[] x2 = x[r - start + 2];
                float[] x3 = x[r - start + 3];
                int s0 = 0;
                int s1 = 0;
                int s2 = 0;
                int s3 = 0;
                for (int level = 0; level < completeDepth; level++) {
                    s0 = step(base, s0, x0);
                    s1 = step(base, s1, x1);
                    s2 = step(base, s2, x2);
                    s3 = step(base, s3, x3);
                }
                margins[r] += completeLeaf[leafBase + s0];
                margins[r + 1] += completeLeaf[leafBase + s1];
                margins[r + 2] += completeLeaf[leafBase + s2];
                margins[r + 3] += completeLeaf[leafBase + s3];
            }
            for (; r < end; r++) {
                margins[r] += completeLeaf(t, x[r - start]);
            }
        }
    }

    private float treeValue(int tree, float[] x) {
        return completeDepth >= 0 ? completeLeaf(tree, x) : leaf(packedRoots[tree], x);
    }

    private int[] pack() {
        int[] out = new int[3 * left.length];
        int next = 0;
        int[] queue = new int[left.length];
        int[] slotOf = new int[left.length];
        for (int t = 0; t < roots.length; t++) {
            int head = 0;
            int tail = 0;
            queue[tail++] = roots[t];
            slotOf[roots[t]] = next++;
            packedRoots[t] = 3 * slotOf[roots[t]];
            while (head < tail) {
                int node = queue[head++];
                int at = 3 * slotOf[node];
                if (left[node] == LEAF) {
                    out[at] = -1;
                    out[at + 1] = Float.floatToRawIntBits((float) leafValue[node]);
                    continue;
                }
                slotOf[left[node]] = next++;
                slotOf[right[node]] = next++;
                queue[tail++] = left[node];
                queue[tail++] = right[node];
                out[at] = feature[node] << 1 | (defaultLeft[node] ? 1 : 0);
                out[at + 1] = Float.floatToRawIntBits(threshold[node]);
                out[at + 2] = 3 * slotOf[left[node]];
            }
        }
        return java.util.Arrays.copyOf(out, 3 * next);
    }

    /** Margin contribution of one tree for a row already converted to floats. */
    private float leaf(int root, float[] x) {
        int[] nodes = packed;
        int at = root;
        int info;
        while ((info = nodes[at]) >= 0) {
            float value = x[info >>> 1];
            float threshold = Float.intBitsToFloat(nodes[at + 1]);
            // NaN fails both comparisons, so it takes the right branch unless the node sends missing values left.
            boolean goLeft = value < threshold || (value != value && (info & 1) != 0);
            at = nodes[at + 2] + (goLeft ? 0 : 3);
        }
        return Float.intBitsToFloat(nodes[at + 1]);
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
        float[] x = new float[featureCount];
        for (int f = 0; f < featureCount; f++) {
            x[f] = (float) row[f];
        }
        if (completeDepth >= 0) {
            return completeMargin(x);
        }
        double margin = baseMargin;
        for (int t = 0; t < packedRoots.length; t++) {
            margin += treeValue(t, x);
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
        // Blocks of rows, tree-major inside a block: the block's rows stay in cache while every tree passes over them.
        int block = 64;
        float[][] x = new float[block][featureCount];
        for (int start = 0; start < rows; start += block) {
            int end = Math.min(rows, start + block);
            for (int r = start; r < end; r++) {
                float[] row = x[r - start];
                int offset = r * featureCount;
                for (int f = 0; f < featureCount; f++) {
                    row[f] = (float) values[offset + f];
                }
            }
            if (completeDepth >= 0) {
                addCompleteBlock(margins, x, start, end);
            } else {
                for (int t = 0; t < packedRoots.length; t++) {
                    for (int r = start; r < end; r++) {
                        margins[r] += treeValue(t, x[r - start]);
                    }
                }
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
        LeafTables tables = leafTables();
        return tables == null ? recursiveContributions(row) : tables.contributions(row);
    }

    /** Lundberg's recursive Algorithm 2, kept for trees the leaf tables do not cover (and to check them). */
    double[] recursiveContributions(double[] row) {
        requireWidth(row);
        double[] phi = new double[featureCount + 1];
        int pathCapacity = (maxDepth + 2) * (maxDepth + 3) / 2 + maxDepth + 2;
        Path path = new Path(new int[pathCapacity], new double[pathCapacity], new double[pathCapacity],
                new double[pathCapacity], phi, row);
        for (int root : roots) {
            path.recurse(root, 0, 0, 1, 1, -1);
        }
        phi[featureCount] = expectedMargin;
        return phi;
    }

    /** Whether {@link #contributions} uses the leaf tables (it falls back to the recursion otherwise). */
    boolean usesLeafTables() {
        return leafTables() != null;
    }

    /** Longest distinct-feature path the leaf tables handle: each leaf stores 2^d sums. */
    private static final int MAX_TABLE_FEATURES = 6;
    private volatile LeafTables leafTables;
    private volatile boolean leafTablesUnavailable;

    private LeafTables leafTables() {
        LeafTables tables = leafTables;
        if (tables == null && !leafTablesUnavailable) {
            synchronized (this) {
                if (leafTables == null && !leafTablesUnavailable) {
                    leafTables = LeafTables.build(this);
                    leafTablesUnavailable = leafTables == null;
                }
                tables = leafTables;
            }
        }
        return tables;
    }

    /**
     * Exact path-dependent TreeSHAP by precomputed per-leaf tables (the idea of Fast TreeSHAP v2, Yang 2021).
     * For a leaf with value v whose path splits on distinct features F (|F| = d), with z_k the share of training
     * cover that follows the path at feature k's splits and o_k = 1 when the row follows them all (else 0), the
     * Shapley value of k is −v·C(H) for a feature the row does not follow and v·(1 − z_k)/z_k·C(H∖{k}) for one it
     * does, where H = {k : o_k = 1} and C(A) = Σ_{S⊆A} |S|!(d−|S|−1)!/d! · Π_{j∈F∖S} z_j. C depends on the model
     * only, so it is tabulated once for every subset A; a row then costs O(leaves × depth) instead of
     * O(leaves × depth²) with divisions.
     */
    private static final class LeafTables {
        private final int featureCount;
        private final double expectedMargin;
        private final int[] treeInternalStart;   // per tree: first index into internalNodes
        private final int[] internalNodes;       // the internal nodes of every tree
        private final int[] leafStart;           // per tree: first leaf index
        private final double[] leafValue;        // per leaf
        private final int[] leafDistinct;        // per leaf: d
        private final int[] leafFeatureStart;    // per leaf: offset into leafFeatures / ratios (d entries)
        private final int[] leafFeatures;
        private final double[] ratios;           // (1 − z) / z
        private final int[] leafStepStart;       // per leaf: offset into the path steps
        private final int[] stepNode;            // index into the tree's internal node list
        private final boolean[] stepLeft;        // the path goes left at that node
        private final int[] stepFeatureSlot;     // which of the leaf's d features the node splits on
        private final int[] leafTableStart;      // per leaf: offset of its 2^d sums
        private final double[] table;
        private final TreeEnsemble ensemble;

        private LeafTables(TreeEnsemble ensemble, List<int[]> perTreeInternal, List<int[]> leaves,
                           List<int[]> leafPaths, List<int[]> leafFeatureLists, List<double[]> leafZeros) {
            this.ensemble = ensemble;
            this.featureCount = ensemble.featureCount;
            this.expectedMargin = ensemble.expectedMargin;
            int trees = perTreeInternal.size();
            treeInternalStart = new int[trees + 1];
            leafStart = new int[trees + 1];
            int internalTotal = 0;
            for (int t = 0; t < trees; t++) {
                treeInternalStart[t] = internalTotal;
                internalTotal += perTreeInternal.get(t).length;
            }
            treeInternalStart[trees] = internalTotal;
            internalNodes = new int[internalTotal];
            for (int t = 0; t < trees; t++) {
                System.arraycopy(perTreeInternal.get(t), 0, internalNodes, treeInternalStart[t], perTreeInternal.get(t).length);
            }
            int leafCount = leafFeatureLists.size();
            leafValue = new double[leafCount];
            leafDistinct = new int[leafCount];
            leafFeatureStart = new int[leafCount + 1];
            leafStepStart = new int[leafCount + 1];
            leafTableStart = new int[leafCount + 1];
            int featureTotal = 0;
            int stepTotal = 0;
            int tableTotal = 0;
            for (int l = 0; l < leafCount; l++) {
                leafFeatureStart[l] = featureTotal;
                leafStepStart[l] = stepTotal;
                leafTableStart[l] = tableTotal;
                featureTotal += leafFeatureLists.get(l).length;
                stepTotal += leafPaths.get(l).length / 3;
                tableTotal += 1 << leafFeatureLists.get(l).length;
            }
            leafFeatureStart[leafCount] = featureTotal;
            leafStepStart[leafCount] = stepTotal;
            leafTableStart[leafCount] = tableTotal;
            leafFeatures = new int[featureTotal];
            ratios = new double[featureTotal];
            stepNode = new int[stepTotal];
            stepLeft = new boolean[stepTotal];
            stepFeatureSlot = new int[stepTotal];
            table = new double[tableTotal];
            int leafIndex = 0;
            for (int t = 0; t < trees; t++) {
                leafStart[t] = leafIndex;
                for (int node : leaves.get(t)) {
                    leafValue[leafIndex] = ensemble.leafValue[node];
                    leafIndex++;
                }
            }
            leafStart[trees] = leafIndex;
            for (int l = 0; l < leafCount; l++) {
                int[] features = leafFeatureLists.get(l);
                double[] zeros = leafZeros.get(l);
                int d = features.length;
                leafDistinct[l] = d;
                for (int p = 0; p < d; p++) {
                    leafFeatures[leafFeatureStart[l] + p] = features[p];
                    ratios[leafFeatureStart[l] + p] = (1 - zeros[p]) / zeros[p];
                }
                int[] path = leafPaths.get(l);
                for (int step = 0; step < path.length / 3; step++) {
                    stepNode[leafStepStart[l] + step] = path[3 * step];
                    stepLeft[leafStepStart[l] + step] = path[3 * step + 1] == 1;
                    stepFeatureSlot[leafStepStart[l] + step] = path[3 * step + 2];
                }
                // C(A) for every subset A of the d features: sum over S ⊆ A of w(|S|) · Π_{j ∉ S} z_j.
                double[] weights = new double[d];
                for (int size = 0; size < d; size++) {
                    weights[size] = factorial(size) * factorial(d - size - 1) / factorial(d);
                }
                for (int subset = 0; subset < 1 << d; subset++) {
                    double sum = 0;
                    // Enumerate S ⊆ subset.
                    for (int inner = subset; ; inner = (inner - 1) & subset) {
                        if (Integer.bitCount(inner) < d) {
                            double product = weights[Integer.bitCount(inner)];
                            for (int p = 0; p < d; p++) {
                                if ((inner & 1 << p) == 0) {
                                    product *= zeros[p];
                                }
                            }
                            sum += product;
                        }
                        if (inner == 0) {
                            break;
                        }
                    }
                    table[leafTableStart[l] + subset] = sum;
                }
            }
        }

        private static double factorial(int n) {
            double f = 1;
            for (int i = 2; i <= n; i++) {
                f *= i;
            }
            return f;
        }

        /** Null when some leaf's path has more distinct features than the tables allow, or an empty child. */
        static LeafTables build(TreeEnsemble e) {
            List<int[]> perTreeInternal = new ArrayList<>();
            List<int[]> leaves = new ArrayList<>();
            List<int[]> leafPaths = new ArrayList<>();
            List<int[]> leafFeatureLists = new ArrayList<>();
            List<double[]> leafZeros = new ArrayList<>();
            for (int root : e.roots) {
                List<Integer> internal = new ArrayList<>();
                List<Integer> treeLeaves = new ArrayList<>();
                java.util.Map<Integer, Integer> internalIndex = new java.util.HashMap<>();
                collect(e, root, internal, treeLeaves, internalIndex);
                perTreeInternal.add(internal.stream().mapToInt(Integer::intValue).toArray());
                leaves.add(treeLeaves.stream().mapToInt(Integer::intValue).toArray());
                if (!describeLeaves(e, root, new ArrayList<>(), internalIndex, leafPaths, leafFeatureLists, leafZeros)) {
                    return null;
                }
            }
            return new LeafTables(e, perTreeInternal, leaves, leafPaths, leafFeatureLists, leafZeros);
        }

        private static void collect(TreeEnsemble e, int node, List<Integer> internal, List<Integer> leaves,
                                    java.util.Map<Integer, Integer> internalIndex) {
            if (e.left[node] == LEAF) {
                leaves.add(node);
                return;
            }
            internalIndex.put(node, internal.size());
            internal.add(node);
            collect(e, e.left[node], internal, leaves, internalIndex);
            collect(e, e.right[node], internal, leaves, internalIndex);
        }

        /** Depth-first in the same order as {@link #collect}: {node, wentLeft} pairs down to each leaf. */
        private static boolean describeLeaves(TreeEnsemble e, int node, List<int[]> path,
                                              java.util.Map<Integer, Integer> internalIndex, List<int[]> leafPaths,
                                              List<int[]> leafFeatureLists, List<double[]> leafZeros) {
            if (e.left[node] == LEAF) {
                List<Integer> features = new ArrayList<>();
                List<Double> zeros = new ArrayList<>();
                int[] steps = new int[3 * path.size()];
                for (int i = 0; i < path.size(); i++) {
                    int parent = path.get(i)[0];
                    boolean wentLeft = path.get(i)[1] == 1;
                    int child = wentLeft ? e.left[parent] : e.right[parent];
                    if (!(e.cover[parent] > 0) || !(e.cover[child] > 0)) {
                        return false;
                    }
                    int slot = features.indexOf(e.feature[parent]);
                    if (slot < 0) {
                        slot = features.size();
                        features.add(e.feature[parent]);
                        zeros.add(1.0);
                    }
                    zeros.set(slot, zeros.get(slot) * e.cover[child] / e.cover[parent]);
                    steps[3 * i] = internalIndex.get(parent);
                    steps[3 * i + 1] = wentLeft ? 1 : 0;
                    steps[3 * i + 2] = slot;
                }
                if (features.size() > MAX_TABLE_FEATURES || zeros.stream().anyMatch(z -> !(z > 0))) {
                    return false;
                }
                leafPaths.add(steps);
                leafFeatureLists.add(features.stream().mapToInt(Integer::intValue).toArray());
                leafZeros.add(zeros.stream().mapToDouble(Double::doubleValue).toArray());
                return true;
            }
            path.add(new int[]{node, 1});
            boolean ok = describeLeaves(e, e.left[node], path, internalIndex, leafPaths, leafFeatureLists, leafZeros);
            path.set(path.size() - 1, new int[]{node, 0});
            ok = ok && describeLeaves(e, e.right[node], path, internalIndex, leafPaths, leafFeatureLists, leafZeros);
            path.remove(path.size() - 1);
            return ok;
        }

        double[] contributions(double[] row) {
            double[] phi = new double[featureCount + 1];
            int maxInternal = 0;
            for (int t = 0; t + 1 < treeInternalStart.length; t++) {
                maxInternal = Math.max(maxInternal, treeInternalStart[t + 1] - treeInternalStart[t]);
            }
            boolean[] goesLeft = new boolean[maxInternal];
            int trees = treeInternalStart.length - 1;
            for (int t = 0; t < trees; t++) {
                int first = treeInternalStart[t];
                int count = treeInternalStart[t + 1] - first;
                for (int i = 0; i < count; i++) {
                    int node = internalNodes[first + i];
                    goesLeft[i] = ensemble.child(node, row[ensemble.feature[node]]) == ensemble.left[node];
                }
                for (int l = leafStart[t]; l < leafStart[t + 1]; l++) {
                    int d = leafDistinct[l];
                    int followed = (1 << d) - 1;
                    for (int step = leafStepStart[l]; step < leafStepStart[l + 1]; step++) {
                        if (goesLeft[stepNode[step]] != stepLeft[step]) {
                            followed &= ~(1 << stepFeatureSlot[step]);
                        }
                    }
                    double v = leafValue[l];
                    int tableAt = leafTableStart[l];
                    double cold = -v * table[tableAt + followed];
                    int featureAt = leafFeatureStart[l];
                    for (int p = 0; p < d; p++) {
                        if ((followed & 1 << p) != 0) {
                            phi[leafFeatures[featureAt + p]] += v * ratios[featureAt + p]
                                    * table[tableAt + (followed & ~(1 << p))];
                        } else {
                            phi[leafFeatures[featureAt + p]] += cold;
                        }
                    }
                }
            }
            phi[featureCount] = expectedMargin;
            return phi;
        }
    }

    /** The distinct split thresholds of each feature, for building golden sets that sit exactly on them. */
    public List<TreeSet<Float>> splitThresholdsByFeature() {
        List<TreeSet<Float>> byFeature = new ArrayList<>(featureCount);
        for (int f = 0; f < featureCount; f++) {
            byFeature.add(new TreeSet<>());
        }
        for (int n = 0; n < left.length; n++) {
            if (left[n] != LEAF) {
                byFeature.get(feature[n]).add(threshold[n]);
            }
        }
        return byFeature;
    }

    /** The same ensemble limited to its first {@code trees} trees (what the booster predicted after that many rounds). */
    public TreeEnsemble firstTrees(int trees) {
        if (trees < 1 || trees > roots.length) {
            throw new IllegalArgumentException("Cannot keep " + trees + " of " + roots.length + " trees");
        }
        return new TreeEnsemble(featureCount, baseMargin, Arrays.copyOf(roots, trees), left, right, feature, threshold,
                defaultLeft, leafValue, cover);
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

    /** 1 / n for small n: the TreeSHAP weight updates divide by path lengths, and division is slow. */
    private static final double[] RECIPROCAL = new double[130];

    static {
        for (int n = 1; n < RECIPROCAL.length; n++) {
            RECIPROCAL[n] = 1.0 / n;
        }
    }

    /**
     * One TreeSHAP evaluation: the feature path of the recursion as parallel arrays, each level working on its own
     * slice (starting after its parent's) so siblings never see each other's path. In a single-row explanation the
     * "one" fractions are always 0 or 1, which the weight updates use to avoid divisions.
     */
    private final class Path {
        private final int[] pathFeature;
        private final double[] zero;
        private final double[] one;
        private final double[] weight;
        private final double[] phi;
        private final double[] row;

        Path(int[] pathFeature, double[] zero, double[] one, double[] weight, double[] phi, double[] row) {
            this.pathFeature = pathFeature;
            this.zero = zero;
            this.one = one;
            this.weight = weight;
            this.phi = phi;
            this.row = row;
        }

        void recurse(int node, int start, int uniqueDepth, double parentZero, double parentOne, int parentFeature) {
            extend(start, uniqueDepth, parentZero, parentOne, parentFeature);
            if (left[node] == LEAF) {
                double value = leafValue[node];
                for (int i = 1; i <= uniqueDepth; i++) {
                    double w = unwoundSum(start, uniqueDepth, i);
                    phi[pathFeature[start + i]] += w * (one[start + i] - zero[start + i]) * value;
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
                if (pathFeature[start + k] == split) {
                    incomingZero = zero[start + k];
                    incomingOne = one[start + k];
                    unwind(start, depth, k);
                    depth--;
                    break;
                }
            }
            int next = start + uniqueDepth + 1;
            double coverInverse = 1 / cover[node];
            copy(start, next, depth + 1);
            recurse(hot, next, depth + 1, cover[hot] * coverInverse * incomingZero, incomingOne, split);
            copy(start, next, depth + 1);
            recurse(cold, next, depth + 1, cover[cold] * coverInverse * incomingZero, 0, split);
        }

        private void copy(int from, int to, int length) {
            for (int i = 0; i < length; i++) {
                pathFeature[to + i] = pathFeature[from + i];
                zero[to + i] = zero[from + i];
                one[to + i] = one[from + i];
                weight[to + i] = weight[from + i];
            }
        }

        private void extend(int s, int depth, double zeroFraction, double oneFraction, int featureIndex) {
            pathFeature[s + depth] = featureIndex;
            zero[s + depth] = zeroFraction;
            one[s + depth] = oneFraction;
            weight[s + depth] = depth == 0 ? 1 : 0;
            double inverse = RECIPROCAL[depth + 1];
            for (int i = depth - 1; i >= 0; i--) {
                weight[s + i + 1] += oneFraction * weight[s + i] * (i + 1) * inverse;
                weight[s + i] = zeroFraction * weight[s + i] * (depth - i) * inverse;
            }
        }

        private void unwind(int s, int depth, int index) {
            double oneFraction = one[s + index];
            double zeroFraction = zero[s + index];
            double nextOnePortion = weight[s + depth];
            double inverse = RECIPROCAL[depth + 1];
            if (oneFraction != 0) {
                for (int i = depth - 1; i >= 0; i--) {
                    double previous = weight[s + i];
                    weight[s + i] = nextOnePortion * (depth + 1) * RECIPROCAL[i + 1] / oneFraction;
                    nextOnePortion = previous - weight[s + i] * zeroFraction * (depth - i) * inverse;
                }
            } else {
                double zeroInverse = 1 / zeroFraction;
                for (int i = depth - 1; i >= 0; i--) {
                    weight[s + i] = weight[s + i] * (depth + 1) * zeroInverse * RECIPROCAL[depth - i];
                }
            }
            for (int i = index; i < depth; i++) {
                pathFeature[s + i] = pathFeature[s + i + 1];
                zero[s + i] = zero[s + i + 1];
                one[s + i] = one[s + i + 1];
            }
        }

        private double unwoundSum(int s, int depth, int index) {
            double oneFraction = one[s + index];
            double zeroFraction = zero[s + index];
            double nextOnePortion = weight[s + depth];
            double inverse = RECIPROCAL[depth + 1];
            double total = 0;
            if (oneFraction != 0) {
                double scale = (depth + 1) / oneFraction;
                for (int i = depth - 1; i >= 0; i--) {
                    double tmp = nextOnePortion * scale * RECIPROCAL[i + 1];
                    total += tmp;
                    nextOnePortion = weight[s + i] - tmp * zeroFraction * (depth - i) * inverse;
                }
            } else {
                double scale = (depth + 1) / zeroFraction;
                for (int i = depth - 1; i >= 0; i--) {
                    total += weight[s + i] * scale * RECIPROCAL[depth - i];
                }
            }
            return total;
        }
    }
}
