package io.smecredit.model.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * A gradient-boosted tree ensemble for binary classification, evaluated in pure Java from flattened, immutable
 * arrays. It reproduces XGBoost's prediction rules exactly: features and thresholds are compared as 32-bit
 * floats ({@code value < threshold} goes left), a missing value (NaN) follows the node's default direction, and
 * the margin is the base margin plus the sum of one leaf per tree.
 *
 * <p>Thread-safe: nothing shared is mutated after construction (each thread converts its rows in its own scratch
 * arrays; the TreeSHAP tables are built once, on first use or by {@link #prepareExplanations()}), so a new model can
 * be swapped in atomically.
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
     * branch-free steps per tree: unpredictable branches, not arithmetic, dominate tree evaluation. Each internal
     * slot is one long in {@link #completeNodes}: where to read the row's value (the feature, plus
     * {@code featureCount} when a missing value goes left, see {@link #fillKeys}) in the high half, the threshold's
     * {@link #orderKey} in the low half; so one step is one load and one comparison of two ints, with no branch.
     * Single rows walk a copy of these nodes by byte offsets instead ({@link SingleRowWalk}); batches and
     * reasons use this array.
     */
    private static final int MAX_COMPLETE_DEPTH = 8;
    private final int completeDepth;
    private final int internalPerTree;
    private final long[] completeNodes;
    private final float[] completeLeaf;
    /** The single-row path over the complete layout; null for deeper trees or without {@code sun.misc.Unsafe}. */
    private final SingleRowWalk singleRowWalk;
    /** Per-thread scratch for one row's keys (and floats): the hot path converts once and allocates nothing. */
    private final ThreadLocal<Scratch> scratch;

    private static final class Scratch {
        final float[] x;
        final int[] keys;
        final long[] walkKeys;

        Scratch(int featureCount, SingleRowWalk walk) {
            x = new float[featureCount];
            keys = new int[2 * featureCount];
            walkKeys = walk == null ? null : walk.newKeys();
        }
    }
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
            completeNodes = new long[roots.length * internalPerTree];
            completeLeaf = new float[roots.length * (internalPerTree + 1)];
            for (int t = 0; t < roots.length; t++) {
                fillComplete(t, roots[t], 0, 0);
            }
            singleRowWalk = SingleRowWalk.of(completeNodes, completeLeaf, roots.length, completeDepth, featureCount,
                    baseMargin);
        } else {
            completeDepth = -1;
            internalPerTree = 0;
            completeNodes = null;
            completeLeaf = null;
            singleRowWalk = null;
        }
        int width = featureCount;
        SingleRowWalk walk = singleRowWalk;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(width, walk));
    }

    private void fillComplete(int tree, int node, int slot, int level) {
        if (level == completeDepth) {
            completeLeaf[tree * (internalPerTree + 1) + slot - internalPerTree] = (float) leafValue[node];
            return;
        }
        int at = tree * internalPerTree + slot;
        if (left[node] == LEAF) {
            // Padding: whichever way a row goes, it reaches a copy of this leaf.
            completeNodes[at] = 0;
            fillComplete(tree, node, 2 * slot + 1, level + 1);
            fillComplete(tree, node, 2 * slot + 2, level + 1);
            return;
        }
        completeNodes[at] = (long) (feature[node] + (defaultLeft[node] ? featureCount : 0)) << 32
                | orderKey(threshold[node]) & 0xFFFFFFFFL;
        fillComplete(tree, left[node], 2 * slot + 1, level + 1);
        fillComplete(tree, right[node], 2 * slot + 2, level + 1);
    }

    /**
     * An int that orders like the float: {@code orderKey(a) < orderKey(b)} iff {@code a < b} for any non-NaN a, b
     * (−0 and +0 are made equal first, as float comparison treats them). Comparing ints this way needs no branch,
     * where a float comparison's outcome often becomes an unpredictable jump.
     */
    static int orderKey(float value) {
        int bits = Float.floatToRawIntBits(value + 0.0f);
        return bits ^ (bits >> 31 & 0x7FFFFFFF);
    }

    /**
     * The row as keys: slot f for nodes that send a missing value right (NaN becomes the largest int, so it is never
     * below a threshold), slot {@code featureCount + f} for nodes that send it left (NaN becomes the smallest).
     * Branch-free, so the 10 % missing cells of a typical row cost nothing extra.
     */
    private void fillKeys(float value, int f, int[] keys) {
        int bits = Float.floatToRawIntBits(value);
        int missing = (0x7F800000 - (bits & 0x7FFFFFFF)) >>> 31;
        int key = orderKey(value);
        keys[f] = key + missing * (Integer.MAX_VALUE - key);
        keys[featureCount + f] = key + missing * (Integer.MIN_VALUE - key);
    }

    /** Margin contribution of tree {@code tree} in the complete layout. */
    private float completeLeaf(int tree, int[] keys) {
        int base = tree * internalPerTree;
        int slot = 0;
        for (int level = 0; level < completeDepth; level++) {
            slot = step(base, slot, keys);
        }
        return completeLeaf[tree * (internalPerTree + 1) + slot - internalPerTree];
    }

    /** One level down: XGBoost's {@code value < threshold} goes left, a missing value its node's default way. */
    private int step(int base, int slot, int[] keys) {
        long node = completeNodes[base + slot];
        int left = (int) ((long) keys[(int) (node >>> 32)] - (int) node >>> 63);
        return 2 * slot + 2 - left;
    }

    /**
     * Sum of all trees for one row in the complete layout, eight trees in lockstep: each traversal is a chain of
     * dependent loads (node, feature value, compare, next node), and eight independent chains keep the CPU busy
     * while each one waits. Trees are still added in order, so the sum is the same as one tree at a time.
     */
    private double completeMargin(int[] x) {
        int trees = packedRoots.length;
        int internal = internalPerTree;
        int leaves = internal + 1;
        int depth = completeDepth;
        float[] leafValues = completeLeaf;
        double margin = baseMargin;
        int t = 0;
        for (; t + 8 <= trees; t += 8) {
            int b0 = t * internal;
            int b1 = b0 + internal;
            int b2 = b1 + internal;
            int b3 = b2 + internal;
            int b4 = b3 + internal;
            int b5 = b4 + internal;
            int b6 = b5 + internal;
            int b7 = b6 + internal;
            int s0 = 0;
            int s1 = 0;
            int s2 = 0;
            int s3 = 0;
            int s4 = 0;
            int s5 = 0;
            int s6 = 0;
            int s7 = 0;
            for (int level = 0; level < depth; level++) {
                s0 = step(b0, s0, x);
                s1 = step(b1, s1, x);
                s2 = step(b2, s2, x);
                s3 = step(b3, s3, x);
                s4 = step(b4, s4, x);
                s5 = step(b5, s5, x);
                s6 = step(b6, s6, x);
                s7 = step(b7, s7, x);
            }
            int leafBase = t * leaves - internal;
            margin += leafValues[leafBase + s0];
            margin += leafValues[leafBase + leaves + s1];
            margin += leafValues[leafBase + 2 * leaves + s2];
            margin += leafValues[leafBase + 3 * leaves + s3];
            margin += leafValues[leafBase + 4 * leaves + s4];
            margin += leafValues[leafBase + 5 * leaves + s5];
            margin += leafValues[leafBase + 6 * leaves + s6];
            margin += leafValues[leafBase + 7 * leaves + s7];
        }
        for (; t < trees; t++) {
            margin += completeLeaf(t, x);
        }
        return margin;
    }

    /** One block of rows, tree by tree, eight rows in lockstep (see {@link #completeMargin}). */
    private void addCompleteBlock(double[] margins, int[][] x, int start, int end) {
        int leaves = internalPerTree + 1;
        int depth = completeDepth;
        float[] leafValues = completeLeaf;
        for (int t = 0; t < packedRoots.length; t++) {
            int base = t * internalPerTree;
            int leafBase = t * leaves - internalPerTree;
            int r = start;
            for (; r + 8 <= end; r += 8) {
                int i = r - start;
                int[] x0 = x[i];
                int[] x1 = x[i + 1];
                int[] x2 = x[i + 2];
                int[] x3 = x[i + 3];
                int[] x4 = x[i + 4];
                int[] x5 = x[i + 5];
                int[] x6 = x[i + 6];
                int[] x7 = x[i + 7];
                int s0 = 0;
                int s1 = 0;
                int s2 = 0;
                int s3 = 0;
                int s4 = 0;
                int s5 = 0;
                int s6 = 0;
                int s7 = 0;
                for (int level = 0; level < depth; level++) {
                    s0 = step(base, s0, x0);
                    s1 = step(base, s1, x1);
                    s2 = step(base, s2, x2);
                    s3 = step(base, s3, x3);
                    s4 = step(base, s4, x4);
                    s5 = step(base, s5, x5);
                    s6 = step(base, s6, x6);
                    s7 = step(base, s7, x7);
                }
                margins[r] += leafValues[leafBase + s0];
                margins[r + 1] += leafValues[leafBase + s1];
                margins[r + 2] += leafValues[leafBase + s2];
                margins[r + 3] += leafValues[leafBase + s3];
                margins[r + 4] += leafValues[leafBase + s4];
                margins[r + 5] += leafValues[leafBase + s5];
                margins[r + 6] += leafValues[leafBase + s6];
                margins[r + 7] += leafValues[leafBase + s7];
            }
            for (; r < end; r++) {
                margins[r] += completeLeaf(t, x[r - start]);
            }
        }
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

    /** Log-odds of default for one row in model feature order; {@code Double.NaN} marks a missing feature. */
    public double margin(double[] row) {
        requireWidth(row.length);
        // XGBoost compares in float32: convert once into this thread's scratch, then evaluate.
        Scratch s = scratch.get();
        if (singleRowWalk != null) {
            long[] keys = s.walkKeys;
            for (int f = 0; f < featureCount; f++) {
                singleRowWalk.fillKeys((float) row[f], f, keys);
            }
            return singleRowWalk.margin(keys);
        }
        return arrayMargin(row);
    }

    /** {@link #margin(double[])} by bounds-checked arrays only: what runs where {@link SingleRowWalk} cannot. */
    double arrayMargin(double[] row) {
        requireWidth(row.length);
        Scratch s = scratch.get();
        if (completeDepth >= 0) {
            for (int f = 0; f < featureCount; f++) {
                fillKeys((float) row[f], f, s.keys);
            }
            return completeMargin(s.keys);
        }
        for (int f = 0; f < featureCount; f++) {
            s.x[f] = (float) row[f];
        }
        return packedMargin(s.x);
    }

    /** Log-odds of default for one row already in float32 (what XGBoost compares); allocates nothing. */
    public double margin(float[] row) {
        requireWidth(row.length);
        if (singleRowWalk != null) {
            long[] keys = scratch.get().walkKeys;
            for (int f = 0; f < featureCount; f++) {
                singleRowWalk.fillKeys(row[f], f, keys);
            }
            return singleRowWalk.margin(keys);
        }
        if (completeDepth >= 0) {
            int[] keys = scratch.get().keys;
            for (int f = 0; f < featureCount; f++) {
                fillKeys(row[f], f, keys);
            }
            return completeMargin(keys);
        }
        return packedMargin(row);
    }

    private double packedMargin(float[] x) {
        double margin = baseMargin;
        for (int t = 0; t < packedRoots.length; t++) {
            margin += leaf(packedRoots[t], x);
        }
        return margin;
    }

    public double probability(double[] row) {
        return sigmoid(margin(row));
    }

    public double probability(float[] row) {
        return sigmoid(margin(row));
    }

    /** Probabilities for {@code rows} rows stored row-major in {@code values}, on the calling thread. */
    public double[] probabilities(double[] values, int rows) {
        requireBatch(values.length, rows);
        double[] out = new double[rows];
        probabilities(values, null, 0, rows, out);
        return out;
    }

    /** Probabilities for {@code rows} rows stored row-major as float32, on the calling thread. */
    public double[] probabilities(float[] values, int rows) {
        requireBatch(values.length, rows);
        double[] out = new double[rows];
        probabilities(null, values, 0, rows, out);
        return out;
    }

    /**
     * Like {@link #probabilities(double[], int)}, with the rows split into {@code threads} contiguous chunks: the
     * calling thread evaluates the first, {@link ForkJoinPool#commonPool()} the others. Each row is evaluated exactly
     * as on one thread, so the results are identical.
     */
    public double[] probabilities(double[] values, int rows, int threads) {
        requireBatch(values.length, rows);
        double[] out = new double[rows];
        int chunks = Math.max(1, Math.min(threads, rows / BLOCK));
        if (chunks == 1) {
            probabilities(values, null, 0, rows, out);
            return out;
        }
        int per = (rows + chunks - 1) / chunks;
        ForkJoinTask<?>[] others = new ForkJoinTask<?>[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            int from = Math.min(rows, c * per);
            int to = Math.min(rows, from + per);
            others[c - 1] = ForkJoinPool.commonPool().submit(() -> probabilities(values, null, from, to, out));
        }
        probabilities(values, null, 0, Math.min(rows, per), out);
        for (ForkJoinTask<?> other : others) {
            other.join();
        }
        return out;
    }

    private static final int BLOCK = 64;

    /**
     * Rows {@code from..to} of either {@code doubles} or {@code floats} into {@code out}: blocks of rows, tree-major
     * inside a block, so the block's rows stay in cache while every tree passes over them.
     */
    private void probabilities(double[] doubles, float[] floats, int from, int to, double[] out) {
        boolean complete = completeDepth >= 0;
        float[][] x = new float[BLOCK][featureCount];
        int[][] keys = complete ? new int[BLOCK][2 * featureCount] : null;
        for (int r = from; r < to; r++) {
            out[r] = baseMargin;
        }
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            for (int r = start; r < end; r++) {
                float[] row = x[r - start];
                int offset = r * featureCount;
                if (doubles != null) {
                    for (int f = 0; f < featureCount; f++) {
                        row[f] = (float) doubles[offset + f];
                    }
                } else {
                    System.arraycopy(floats, offset, row, 0, featureCount);
                }
                if (complete) {
                    for (int f = 0; f < featureCount; f++) {
                        fillKeys(row[f], f, keys[r - start]);
                    }
                }
            }
            if (complete) {
                addCompleteBlock(out, keys, start, end);
            } else {
                for (int t = 0; t < packedRoots.length; t++) {
                    for (int r = start; r < end; r++) {
                        out[r] += leaf(packedRoots[t], x[r - start]);
                    }
                }
            }
        }
        for (int r = from; r < to; r++) {
            out[r] = sigmoid(out[r]);
        }
    }

    private void requireBatch(int values, int rows) {
        if (rows < 0 || values != rows * featureCount) {
            throw new IllegalArgumentException("Expected " + rows * featureCount + " values, got " + values);
        }
    }

    /**
     * Exact (path-dependent) TreeSHAP contributions of each feature to the margin of one row, with the expected
     * margin (the base value) in the last slot: the slots always sum to {@link #margin(double[])}. Computed from
     * precomputed leaf tables (Fast TreeSHAP v2) when the model fits under {@link #LEAF_TABLE_BYTES_CAP}, otherwise
     * by Lundberg et al.'s recursive Algorithm 2. The tables hold float32 values (XGBoost's own TreeSHAP computes in
     * float32), summed in double: the two agree within about 1e-7 of the contributions' scale.
     */
    public double[] contributions(double[] row) {
        requireWidth(row.length);
        LeafTables tables = leafTables();
        return tables == null ? recursiveContributions(row) : tables.contributions(row);
    }

    /** Lundberg's recursive Algorithm 2, kept for trees the leaf tables do not cover (and to check them). */
    double[] recursiveContributions(double[] row) {
        requireWidth(row.length);
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

    /** Whether evaluation uses the complete-tree layout (trees no deeper than {@value #MAX_COMPLETE_DEPTH}). */
    boolean usesCompleteLayout() {
        return completeDepth >= 0;
    }

    /** Whether {@link #contributions} uses the leaf tables (it falls back to the recursion otherwise). */
    boolean usesLeafTables() {
        return leafTables() != null;
    }

    /**
     * Largest memory the leaf tables of one model may take: 64 MiB. A unit of leaves with k distinct features above
     * its root and i internal nodes (at most three) stores 2^(k+i) states of up to k + i contributions (4 bytes
     * each); a 300-tree depth-6 model needs about 12 MB. A model over the cap is explained by the recursive
     * algorithm instead, which needs no tables but costs several times more per row.
     */
    static final long LEAF_TABLE_BYTES_CAP = 64L << 20;
    /** Most distinct features on one leaf's path the tables handle. */
    static final int MAX_TABLE_FEATURES = 16;
    private volatile LeafTables leafTables;
    private volatile boolean leafTablesUnavailable;

    private LeafTables leafTables() {
        LeafTables tables = leafTables;
        if (tables == null && !leafTablesUnavailable) {
            synchronized (this) {
                if (leafTables == null && !leafTablesUnavailable) {
                    leafTables = LeafTables.build(this, LEAF_TABLE_BYTES_CAP);
                    leafTablesUnavailable = leafTables == null;
                }
                tables = leafTables;
            }
        }
        return tables;
    }

    /** Builds the leaf tables now (they are otherwise built on the first explanation); false if over the cap. */
    public boolean prepareExplanations() {
        return leafTables() != null;
    }

    /** Contributions by leaf tables built under {@code capBytes}, or null when the model needs more (for tests). */
    double[] leafTableContributions(double[] row, long capBytes) {
        requireWidth(row.length);
        LeafTables tables = LeafTables.build(this, capBytes);
        return tables == null ? null : tables.contributions(row);
    }

    /**
     * Exact path-dependent TreeSHAP by precomputed tables: Fast TreeSHAP v2 (Yang 2021, arXiv:2109.09847), with the
     * leaves grouped in units. For a leaf with value v whose path splits on distinct features F (|F| = d), with z_k
     * the share of training cover that follows the path at feature k's splits and H the features whose splits the
     * row all follows, the Shapley value of k is −v·C(H) for k ∉ H and v·(1 − z_k)/z_k·C(H∖{k}) for k ∈ H, where
     * C(A) = Σ_{S⊆A} |S|!(d−|S|−1)!/d! · Π_{j∈F∖S} z_j. All of it depends on the model only. A unit is a largest
     * subtree of height at most two (up to four leaves; in a complete tree, each node two levels above the leaves):
     * its leaves share the features split on above the unit's root, and below it the row takes one direction per
     * internal node of the unit (at most three). Which of the k features above the root the row follows, plus those
     * directions, is the unit's state; it fixes every leaf's H, so the table holds for every unit and state the sum of
     * its leaves' contributions over the unit's features. A row then costs one comparison per internal node (the
     * patterns are built top-down, a node's children inheriting its pattern) and, per unit, one lookup and a few
     * additions: a quarter as many lookups as one per leaf.
     */
    private static final class LeafTables {
        /**
         * Ints per unit: root position (in its tree's pre-order), mask of the k features above the root, the number of
         * internal nodes in the unit (0–3), their positions (the root, then its internal children; unused ones point
         * at a position whose direction is always 0), first table entry, first feature slot.
         */
        private static final int RECORD = 8;
        private final int featureCount;
        private final double expectedMargin;
        private final int[] treeNodeStart;       // per tree: first internal node (global numbering)
        private final int[] treeUnitStart;       // per tree: first unit
        private final int[] treeWidth;           // per tree: slots per unit (its widest unit's count; others padded)
        private final int[] nodeKeySlot;         // the feature, plus featureCount when a missing value goes left
        private final int[] nodeThresholdKey;    // orderKey of the threshold
        /** Per internal node: {@code leftPosition << 16 | rightPosition}, positions in the tree's pre-order. */
        private final int[] nodeChildren;
        private final int[] nodeSlot;            // which distinct feature of the path to it the node splits on
        private final int[] unitRecord;
        /** Per unit slot: the model feature (padding slots: featureCount, an accumulator nobody reads). */
        private final int[] slotFeature;
        /**
         * Per unit, per state (the followed features above the root, shifted left by the unit's internal-node count,
         * then one bit per internal node, set when the row goes left there, the root's the highest): the sum of the
         * unit's leaves' contributions, one per slot. Float32, as in XGBoost's own TreeSHAP: it halves the bytes
         * fetched per row, most of which miss the caches; the sums are kept in double.
         */
        private final float[] table;
        private final int maxPositions;
        private final TreeEnsemble ensemble;

        private LeafTables(TreeEnsemble e, Builder b) {
            this.featureCount = e.featureCount;
            this.expectedMargin = e.expectedMargin;
            this.ensemble = e;
            this.treeNodeStart = b.treeNodeStart;
            this.treeUnitStart = b.treeUnitStart;
            this.treeWidth = b.treeWidth;
            int internalNodes = b.nodeSource.size();
            // Internal nodes: trees in order, each in pre-order.
            this.nodeKeySlot = new int[internalNodes];
            this.nodeThresholdKey = new int[internalNodes];
            this.nodeChildren = b.nodeChildren.stream().mapToInt(Integer::intValue).toArray();
            this.nodeSlot = b.nodeSlot.stream().mapToInt(Integer::intValue).toArray();
            for (int i = 0; i < internalNodes; i++) {
                int node = b.nodeSource.get(i);
                nodeKeySlot[i] = e.feature[node] + (e.defaultLeft[node] ? e.featureCount : 0);
                nodeThresholdKey[i] = orderKey(e.threshold[node]);
            }
            this.maxPositions = b.maxPositions;
            int units = b.units.size();
            unitRecord = new int[RECORD * units];
            int slots = 0;
            for (int t = 0; t + 1 < treeUnitStart.length; t++) {
                slots += (treeUnitStart[t + 1] - treeUnitStart[t]) * treeWidth[t];
            }
            slotFeature = new int[slots];
            Arrays.fill(slotFeature, featureCount);
            table = new float[Math.toIntExact(b.tableEntries)];
            int slotAt = 0;
            int tableAt = 0;
            for (int t = 0; t + 1 < treeUnitStart.length; t++) {
                int width = treeWidth[t];
                for (int u = treeUnitStart[t]; u < treeUnitStart[t + 1]; u++) {
                    Unit unit = b.units.get(u);
                    int r = RECORD * u;
                    unitRecord[r] = unit.root.position;
                    unitRecord[r + 1] = (1 << unit.above()) - 1;
                    unitRecord[r + 2] = unit.internal.length;
                    for (int j = 0; j < 3; j++) {
                        unitRecord[r + 3 + j] = j < unit.internal.length ? unit.internal[j].position : maxPositions;
                    }
                    unitRecord[r + 6] = tableAt;
                    unitRecord[r + 7] = slotAt;
                    System.arraycopy(unit.features, 0, slotFeature, slotAt, unit.features.length);
                    tableAt = unit.fill(table, tableAt, width);
                    slotAt += width;
                }
            }
        }

        /** Shapley value of slot p of {@code leaf} for a row following the slots in {@code followed}. */
        private static double contribution(Leaf leaf, double[] sums, int followed, int p) {
            double z = leaf.zeros[p];
            return (followed & 1 << p) != 0
                    ? leaf.value * ((1 - z) / z) * sums[followed & ~(1 << p)]
                    : -leaf.value * sums[followed];
        }

        /**
         * C(A) for every subset A of the leaf's d features into {@code sums}. With Q(A) = Π_{j∈F∖A} z_j and e_m(A)
         * the elementary symmetric polynomials of {z_j : j ∈ A}, C(A) = Q(A) · Σ_m e_m(A) · w(|A| − m) with
         * w(k) = k!(d−k−1)!/d! and w(d) = 0: O(2^d · d) instead of enumerating every S ⊆ A.
         */
        static void fillSums(double[] zeros, double[] sums) {
            int d = zeros.length;
            double[] weight = new double[d + 1];
            for (int k = 0; k < d; k++) {
                weight[k] = factorial(k) * factorial(d - k - 1) / factorial(d);
            }
            int subsets = 1 << d;
            double[] symmetric = new double[subsets * (d + 1)];
            double[] outside = new double[subsets];
            symmetric[0] = 1;
            for (int subset = 1; subset < subsets; subset++) {
                int top = 31 - Integer.numberOfLeadingZeros(subset);
                int rest = subset & ~(1 << top);
                int size = Integer.bitCount(subset);
                double z = zeros[top];
                for (int m = 0; m <= size; m++) {
                    double without = symmetric[rest * (d + 1) + m];
                    double with = m == 0 ? 0 : symmetric[rest * (d + 1) + m - 1];
                    symmetric[subset * (d + 1) + m] = without + z * with;
                }
            }
            outside[subsets - 1] = 1;
            for (int subset = subsets - 2; subset >= 0; subset--) {
                int absent = Integer.numberOfTrailingZeros(~subset);
                outside[subset] = outside[subset | 1 << absent] * zeros[absent];
            }
            for (int subset = 0; subset < subsets; subset++) {
                int size = Integer.bitCount(subset);
                double sum = 0;
                for (int m = 0; m <= size; m++) {
                    sum += symmetric[subset * (d + 1) + m] * weight[size - m];
                }
                sums[subset] = outside[subset] * sum;
            }
        }

        private static double factorial(int n) {
            double f = 1;
            for (int i = 2; i <= n; i++) {
                f *= i;
            }
            return f;
        }

        /** One leaf: its value, distinct path features (in slot order) and their cover shares z. */
        private record Leaf(double value, int[] features, double[] zeros) {
        }

        /** A node of one tree while building: position, the distinct features split on above it, its subtree. */
        private static final class Node {
            final int position;
            final int[] above;
            final Leaf leaf;         // null for an internal node
            final int feature;       // the split's feature, for an internal node
            final Node left;
            final Node right;
            final int height;

            Node(int position, int[] above, Leaf leaf, int feature, Node left, Node right) {
                this.position = position;
                this.above = above;
                this.leaf = leaf;
                this.feature = feature;
                this.left = left;
                this.right = right;
                this.height = leaf != null ? 0 : 1 + Math.max(left.height, right.height);
            }

            boolean isLeaf() {
                return leaf != null;
            }
        }

        /**
         * A subtree of height at most two: its internal nodes (the root, then its internal children), its leaves, and
         * its features (those above the root in slot order, then the internal nodes' features not among them).
         */
        private static final class Unit {
            final Node root;
            final Node[] internal;
            final List<Node> leaves = new ArrayList<>();
            final int[] features;

            Unit(Node root) {
                this.root = root;
                List<Node> inner = new ArrayList<>();
                if (!root.isLeaf()) {
                    inner.add(root);
                    for (Node child : new Node[]{root.left, root.right}) {
                        if (!child.isLeaf()) {
                            inner.add(child);
                        }
                    }
                }
                this.internal = inner.toArray(new Node[0]);
                collectLeaves(root);
                List<Integer> all = new ArrayList<>();
                for (int f : root.above) {
                    all.add(f);
                }
                for (Node n : internal) {
                    if (!all.contains(n.feature)) {
                        all.add(n.feature);
                    }
                }
                this.features = all.stream().mapToInt(Integer::intValue).toArray();
            }

            private void collectLeaves(Node n) {
                if (n.isLeaf()) {
                    leaves.add(n);
                } else {
                    collectLeaves(n.left);
                    collectLeaves(n.right);
                }
            }

            int above() {
                return root.above.length;
            }

            long entries(int width) {
                return (long) width << (above() + internal.length);
            }

            /** Writes this unit's states from {@code at}; returns the first entry after them. */
            int fill(float[] table, int at, int width) {
                int k = above();
                int inner = internal.length;
                double[][] sums = new double[leaves.size()][];
                int[][] slotOf = new int[leaves.size()][];
                int[][] missedBelow = new int[leaves.size()][];
                for (int l = 0; l < leaves.size(); l++) {
                    Leaf leaf = leaves.get(l).leaf;
                    sums[l] = new double[1 << leaf.features.length];
                    fillSums(leaf.zeros, sums[l]);
                    slotOf[l] = new int[leaf.features.length];
                    for (int p = 0; p < leaf.features.length; p++) {
                        slotOf[l][p] = indexOf(features, leaf.features[p]);
                    }
                    missedBelow[l] = missedBelow(leaves.get(l), inner);
                }
                int aboveMask = (1 << k) - 1;
                double[] sum = new double[width];
                for (int state = 0; state < 1 << (k + inner); state++) {
                    int followedAbove = state >>> inner;
                    int directions = state & (1 << inner) - 1;
                    Arrays.fill(sum, 0);
                    for (int l = 0; l < leaves.size(); l++) {
                        Leaf leaf = leaves.get(l).leaf;
                        // Its features above the root as followed there; the others (split on only inside the unit)
                        // followed unless the row leaves the leaf's way at one of their splits.
                        int own = (1 << leaf.features.length) - 1;
                        int followed = (followedAbove | own & ~aboveMask) & ~missedBelow[l][directions];
                        for (int p = 0; p < leaf.features.length; p++) {
                            sum[slotOf[l][p]] += contribution(leaf, sums[l], followed, p);
                        }
                    }
                    for (int s = 0; s < width; s++) {
                        table[at + state * width + s] = (float) sum[s];
                    }
                }
                return at + (1 << (k + inner)) * width;
            }

            /**
             * Per direction bits of the unit's internal nodes (the root's the highest, bit set = left): the leaf's own
             * feature slots (bit p for slot p) the row does not follow because it leaves the leaf's way at a split of
             * the unit on that feature.
             */
            private int[] missedBelow(Node leafNode, int inner) {
                int[] missed = new int[1 << inner];
                for (int j = 0; j < inner; j++) {
                    Boolean leafGoesLeft = side(internal[j], leafNode);
                    if (leafGoesLeft == null) {
                        continue;
                    }
                    int slot = 1 << indexOf(leafNode.leaf.features, internal[j].feature);
                    for (int directions = 0; directions < missed.length; directions++) {
                        boolean rowGoesLeft = (directions >>> (inner - 1 - j) & 1) == 1;
                        if (rowGoesLeft != leafGoesLeft) {
                            missed[directions] |= slot;
                        }
                    }
                }
                return missed;
            }

            /** True if the leaf lies under the node's left child, false under its right, null if not under it. */
            private static Boolean side(Node node, Node leaf) {
                if (contains(node.left, leaf)) {
                    return true;
                }
                return contains(node.right, leaf) ? false : null;
            }

            private static boolean contains(Node n, Node target) {
                return n == target || !n.isLeaf() && (contains(n.left, target) || contains(n.right, target));
            }

            private static int indexOf(int[] values, int value) {
                for (int i = 0; i < values.length; i++) {
                    if (values[i] == value) {
                        return i;
                    }
                }
                throw new IllegalStateException("Feature " + value + " is not on the path");
            }
        }

        /** Walks every tree once, numbering nodes in pre-order and collecting what the tables need. */
        private static final class Builder {
            final TreeEnsemble e;
            final int[] treeNodeStart;
            final int[] treeUnitStart;
            final int[] treeWidth;
            final List<Integer> nodeSource = new ArrayList<>();
            final List<Integer> nodeChildren = new ArrayList<>();
            final List<Integer> nodeSlot = new ArrayList<>();
            final List<Unit> units = new ArrayList<>();
            long tableEntries;
            int maxPositions;
            int position;

            Builder(TreeEnsemble e) {
                this.e = e;
                treeNodeStart = new int[e.roots.length + 1];
                treeUnitStart = new int[e.roots.length + 1];
                treeWidth = new int[e.roots.length];
            }

            /** Null when some path is unusable: a non-positive cover share or too many distinct features. */
            Node walk(int node, List<Integer> features, List<Double> zeros) {
                int at = position++;
                int[] above = features.stream().mapToInt(Integer::intValue).toArray();
                if (e.left[node] == LEAF) {
                    if (zeros.stream().anyMatch(z -> !(z > 0))) {
                        return null;
                    }
                    Leaf leaf = new Leaf(e.leafValue[node], above,
                            zeros.stream().mapToDouble(Double::doubleValue).toArray());
                    return new Node(at, above, leaf, -1, null, null);
                }
                if (!(e.cover[node] > 0) || !(e.cover[e.left[node]] > 0) || !(e.cover[e.right[node]] > 0)) {
                    return null;
                }
                int slot = features.indexOf(e.feature[node]);
                boolean added = slot < 0;
                if (added) {
                    slot = features.size();
                    if (slot == MAX_TABLE_FEATURES) {
                        return null;
                    }
                    features.add(e.feature[node]);
                    zeros.add(1.0);
                }
                int index = nodeSource.size();
                nodeSource.add(node);
                nodeSlot.add(slot);
                nodeChildren.add(0);
                double before = zeros.get(slot);
                zeros.set(slot, before * e.cover[e.left[node]] / e.cover[node]);
                int leftAt = position;
                Node left = walk(e.left[node], features, zeros);
                if (left == null) {
                    return null;
                }
                zeros.set(slot, before * e.cover[e.right[node]] / e.cover[node]);
                int rightAt = position;
                Node right = walk(e.right[node], features, zeros);
                if (right == null) {
                    return null;
                }
                zeros.set(slot, before);
                if (added) {
                    features.remove(features.size() - 1);
                    zeros.remove(zeros.size() - 1);
                }
                nodeChildren.set(index, leftAt << 16 | rightAt);
                return new Node(at, above, null, e.feature[node], left, right);
            }

            /** The largest subtrees of height at most two, in pre-order. */
            void collectUnits(Node n, List<Unit> out) {
                if (n.height <= 2) {
                    out.add(new Unit(n));
                } else {
                    collectUnits(n.left, out);
                    collectUnits(n.right, out);
                }
            }
        }

        /** Null when some path is unusable or the tables would exceed {@code capBytes}. */
        static LeafTables build(TreeEnsemble e, long capBytes) {
            Builder b = new Builder(e);
            for (int t = 0; t < e.roots.length; t++) {
                b.treeNodeStart[t] = b.nodeSource.size();
                b.position = 0;
                Node root = b.walk(e.roots[t], new ArrayList<>(), new ArrayList<>());
                if (root == null) {
                    return null;
                }
                b.treeUnitStart[t] = b.units.size();
                List<Unit> units = new ArrayList<>();
                b.collectUnits(root, units);
                int width = units.stream().mapToInt(u -> u.features.length).max().orElse(0);
                b.treeWidth[t] = width;
                for (Unit unit : units) {
                    b.tableEntries += unit.entries(width);
                }
                b.units.addAll(units);
                // Pre-order positions are packed in 16 bits per child.
                if (b.position > 1 << 16 || b.tableEntries * Float.BYTES > capBytes) {
                    return null;
                }
                b.maxPositions = Math.max(b.maxPositions, b.position);
            }
            b.treeNodeStart[e.roots.length] = b.nodeSource.size();
            b.treeUnitStart[e.roots.length] = b.units.size();
            return new LeafTables(e, b);
        }

        /**
         * Per tree: which way the row goes at every internal node, giving each node's children the parent's
         * "not followed" bitmask plus the slot of the split the child's side disagrees with; then per unit its state
         * and the stored contributions of that state. The table is far larger than the caches; a tree's lookups are
         * independent, so the processor overlaps their misses (touching the next tree's entries ahead of time, as
         * the double-precision tables did, measured slower with float32 ones). Two accumulators (even and odd
         * units) because neighbouring units share most of their features and one running sum per feature would
         * chain every addition to the last.
         */
        double[] contributions(double[] row) {
            int width = featureCount + 1;
            double[] phi = new double[2 * width];
            int[] notFollowed = new int[maxPositions];
            // One more than positions: the direction slot of a unit's missing internal nodes, never written (0).
            int[] wentLeft = new int[maxPositions + 1];
            int[] unitAt = new int[maxPositions];
            int[] keys = new int[2 * featureCount];
            for (int f = 0; f < featureCount; f++) {
                ensemble.fillKeys((float) row[f], f, keys);
            }
            int trees = treeNodeStart.length - 1;
            for (int t = 0; t < trees; t++) {
                propagate(t, keys, notFollowed, wentLeft);
                locate(t, notFollowed, wentLeft, unitAt);
                accumulate(t, unitAt, phi, width);
            }
            double[] out = new double[width];
            for (int f = 0; f < featureCount; f++) {
                out[f] = phi[f] + phi[width + f];
            }
            out[featureCount] = expectedMargin;
            return out;
        }

        /** Which way the row goes at each internal node of tree t, and each node's "not followed" slot mask. */
        private void propagate(int t, int[] keys, int[] notFollowed, int[] wentLeft) {
            for (int i = treeNodeStart[t]; i < treeNodeStart[t + 1]; i++) {
                // XGBoost's rule, as in the evaluator: value < threshold goes left, missing the default way.
                int goesLeft = (int) ((long) keys[nodeKeySlot[i]] - nodeThresholdKey[i] >>> 63);
                int children = nodeChildren[i];
                int leftAt = children >>> 16;
                // Pre-order: the left child directly follows its parent, and parents come before children.
                int mask = notFollowed[leftAt - 1];
                int bit = 1 << nodeSlot[i];
                wentLeft[leftAt - 1] = goesLeft;
                notFollowed[leftAt] = mask | (goesLeft ^ 1) * bit;
                notFollowed[children & 0xFFFF] = mask | goesLeft * bit;
            }
        }

        /** The table offset of each unit's state in tree t. */
        private void locate(int t, int[] notFollowed, int[] wentLeft, int[] unitAt) {
            int[] record = unitRecord;
            int width = treeWidth[t];
            int firstUnit = treeUnitStart[t];
            int unitCount = treeUnitStart[t + 1] - firstUnit;
            for (int k = 0; k < unitCount; k++) {
                int r = RECORD * (firstUnit + k);
                int internal = record[r + 2];
                int followedAbove = ~notFollowed[record[r]] & record[r + 1];
                int directions = (wentLeft[record[r + 3]] << 2 | wentLeft[record[r + 4]] << 1
                        | wentLeft[record[r + 5]]) >>> 3 - internal;
                unitAt[k] = record[r + 6] + (followedAbove << internal | directions) * width;
            }
        }

        private void accumulate(int t, int[] unitAt, double[] phi, int width) {
            int[] record = unitRecord;
            float[] contributions = table;
            int firstUnit = treeUnitStart[t];
            int unitCount = treeUnitStart[t + 1] - firstUnit;
            int[] features = slotFeature;
            int slots = treeWidth[t];
            if (slots == 7) {
                // Every unit of a tree has the same slot count; seven (depth-6 trees: four features above a unit's
                // root, three below) written out, as loops this short spend much of their time entering and leaving.
                for (int k = 0; k < unitCount; k++) {
                    int slot = record[RECORD * (firstUnit + k) + 7];
                    int at = unitAt[k];
                    int acc = (k & 1) * width;
                    phi[acc + features[slot]] += contributions[at];
                    phi[acc + features[slot + 1]] += contributions[at + 1];
                    phi[acc + features[slot + 2]] += contributions[at + 2];
                    phi[acc + features[slot + 3]] += contributions[at + 3];
                    phi[acc + features[slot + 4]] += contributions[at + 4];
                    phi[acc + features[slot + 5]] += contributions[at + 5];
                    phi[acc + features[slot + 6]] += contributions[at + 6];
                }
                return;
            }
            if (slots == 5) {
                // Depth-4 trees, the platform's default: two features above, three below.
                for (int k = 0; k < unitCount; k++) {
                    int slot = record[RECORD * (firstUnit + k) + 7];
                    int at = unitAt[k];
                    int acc = (k & 1) * width;
                    phi[acc + features[slot]] += contributions[at];
                    phi[acc + features[slot + 1]] += contributions[at + 1];
                    phi[acc + features[slot + 2]] += contributions[at + 2];
                    phi[acc + features[slot + 3]] += contributions[at + 3];
                    phi[acc + features[slot + 4]] += contributions[at + 4];
                }
                return;
            }
            for (int k = 0; k < unitCount; k++) {
                int slot = record[RECORD * (firstUnit + k) + 7];
                int at = unitAt[k];
                int acc = (k & 1) * width;
                for (int p = 0; p < slots; p++) {
                    phi[acc + features[slot + p]] += contributions[at + p];
                }
            }
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

    private void requireWidth(int width) {
        if (width != featureCount) {
            throw new IllegalArgumentException("Expected " + featureCount + " features, got " + width);
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
