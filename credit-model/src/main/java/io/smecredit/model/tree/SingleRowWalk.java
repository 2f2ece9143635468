package io.smecredit.model.tree;

import java.lang.reflect.Field;

/**
 * The single-row hot path: one row through every tree of a complete layout, eight trees in lockstep, by the same
 * rules as {@link TreeEnsemble}'s array walk (XGBoost's float32 {@code value < threshold}, a missing value its
 * node's default way, trees added in order, so the sums are identical). The difference is how a step reads memory:
 * at byte offsets through {@code sun.misc.Unsafe}, with no array bounds checks and no index scaling. Per step that
 * is about a third fewer instructions, and the walk is bound by its instructions (docs/benchmarks.md): 1.9 instead of
 * 2.2 µs per row on the benchmark model (session 14).
 *
 * <p>Why this is safe: every offset is computed here, at construction, from node data whose feature indices are
 * checked against the row width; a step moves from heap index i of a tree to 2i or 2i + 1 of the same tree, and the
 * walk stops after {@code depth} steps, so it never leaves the tree's own block of {@code 2^depth} longs (index 0
 * unused); keys are read only from an array whose length {@link #margin} checks. Batches and reasons keep the
 * bounds-checked arrays: they are far inside their targets, and a batch's per-row cost is not dominated by this.
 *
 * <p>A node is one long, {@code (thresholdKey << 31) + keyOffset}; a key is {@code (key << 31) + 0x7FFFFFFF}. Their
 * difference is {@code ((key - thresholdKey) << 31) + (0x7FFFFFFF - keyOffset)}: the second term lies in
 * (0, 2^31) and the first is a multiple of 2^31 below 2^63 in size, so the difference never overflows and is negative
 * exactly when {@code key < thresholdKey}, i.e. when the row goes left. One load, one mask, one load, one
 * subtraction and a shift decide a step.
 */
final class SingleRowWalk {

    /** Null where {@code sun.misc.Unsafe} cannot be had (a runtime without jdk.unsupported): the arrays are used. */
    private static final sun.misc.Unsafe UNSAFE = unsafe();
    private static final long LONG_BASE = UNSAFE == null ? 0 : UNSAFE.arrayBaseOffset(long[].class);
    private static final long KEY_LOW_BITS = 0x7FFFFFFFL;

    private final int featureCount;
    private final int trees;
    private final int depth;
    /** Tree t's internal nodes at {@code t * 2^depth + i}, i = 1 … 2^depth − 1; children of i at 2i (left), 2i + 1. */
    private final long[] nodes;
    private final float[] leaves;
    private final double baseMargin;

    private SingleRowWalk(int featureCount, int trees, int depth, long[] nodes, float[] leaves, double baseMargin) {
        this.featureCount = featureCount;
        this.trees = trees;
        this.depth = depth;
        this.nodes = nodes;
        this.leaves = leaves;
        this.baseMargin = baseMargin;
    }

    /**
     * The walk over {@link TreeEnsemble}'s complete layout (slot s's children at 2s + 1 and 2s + 2; each node the
     * key index in the high half, the threshold key in the low half; leaves {@code 2^depth} per tree), or null when
     * this runtime has no {@code sun.misc.Unsafe} (or the row is too wide for a key offset in 31 bits).
     */
    static SingleRowWalk of(long[] completeNodes, float[] completeLeaf, int trees, int depth, int featureCount,
                            double baseMargin) {
        if (UNSAFE == null || LONG_BASE + 16L * featureCount > KEY_LOW_BITS) {
            return null;
        }
        int internal = (1 << depth) - 1;
        long[] nodes = new long[trees << depth];
        for (int t = 0; t < trees; t++) {
            for (int slot = 0; slot < internal; slot++) {
                long node = completeNodes[t * internal + slot];
                int keyIndex = (int) (node >>> 32);
                if (keyIndex < 0 || keyIndex >= 2 * featureCount) {
                    throw new IllegalArgumentException("Key index " + keyIndex + " outside a row of "
                            + featureCount + " features");
                }
                long keyOffset = LONG_BASE + 8L * keyIndex;
                nodes[(t << depth) + slot + 1] = ((long) (int) node << 31) + keyOffset;
            }
        }
        return new SingleRowWalk(featureCount, trees, depth, nodes, completeLeaf, baseMargin);
    }

    /** Scratch for one row's keys: slot f for nodes that send a missing value right, featureCount + f for left. */
    long[] newKeys() {
        return new long[2 * featureCount];
    }

    /** See {@link TreeEnsemble#orderKey}: a missing value becomes the largest key in slot f, the smallest in the other. */
    void fillKeys(float value, int f, long[] keys) {
        int bits = Float.floatToRawIntBits(value);
        int missing = (0x7F800000 - (bits & 0x7FFFFFFF)) >>> 31;
        int key = TreeEnsemble.orderKey(value);
        keys[f] = ((long) (key + missing * (Integer.MAX_VALUE - key)) << 31) + KEY_LOW_BITS;
        keys[featureCount + f] = ((long) (key + missing * (Integer.MIN_VALUE - key)) << 31) + KEY_LOW_BITS;
    }

    /**
     * Margin of the row whose keys {@link #fillKeys} wrote. A walk's position is the byte offset
     * {@code o = LONG_BASE + 8 (t 2^depth + i)}; the child's is {@code 2o + c_t + 8·side} with side −1 for left, 0 for
     * right and {@code c_t = 8 − LONG_BASE − 8 t 2^depth}, one constant per tree, so a step needs no index arithmetic.
     */
    double margin(long[] keys) {
        if (keys.length != 2 * featureCount) {
            throw new IllegalArgumentException("Keys for " + keys.length / 2 + " features, the model has "
                    + featureCount);
        }
        long[] nodes = this.nodes;
        float[] leafValues = leaves;
        int leafCount = 1 << depth;
        long treeBytes = 8L << depth;
        double margin = baseMargin;
        int t = 0;
        for (; t + 8 <= trees; t += 8) {
            long c0 = 8 - LONG_BASE - treeBytes * t;
            long c1 = c0 - treeBytes;
            long c2 = c1 - treeBytes;
            long c3 = c2 - treeBytes;
            long c4 = c3 - treeBytes;
            long c5 = c4 - treeBytes;
            long c6 = c5 - treeBytes;
            long c7 = c6 - treeBytes;
            long o0 = 16 - c0;
            long o1 = 16 - c1;
            long o2 = 16 - c2;
            long o3 = 16 - c3;
            long o4 = 16 - c4;
            long o5 = 16 - c5;
            long o6 = 16 - c6;
            long o7 = 16 - c7;
            for (int level = 0; level < depth; level++) {
                o0 = 2 * o0 + c0 + (side(nodes, keys, o0) << 3);
                o1 = 2 * o1 + c1 + (side(nodes, keys, o1) << 3);
                o2 = 2 * o2 + c2 + (side(nodes, keys, o2) << 3);
                o3 = 2 * o3 + c3 + (side(nodes, keys, o3) << 3);
                o4 = 2 * o4 + c4 + (side(nodes, keys, o4) << 3);
                o5 = 2 * o5 + c5 + (side(nodes, keys, o5) << 3);
                o6 = 2 * o6 + c6 + (side(nodes, keys, o6) << 3);
                o7 = 2 * o7 + c7 + (side(nodes, keys, o7) << 3);
            }
            int leafBase = t * leafCount;
            margin += leafValues[leaf(o0, c0, leafCount) + leafBase];
            margin += leafValues[leaf(o1, c1, leafCount) + leafBase + leafCount];
            margin += leafValues[leaf(o2, c2, leafCount) + leafBase + 2 * leafCount];
            margin += leafValues[leaf(o3, c3, leafCount) + leafBase + 3 * leafCount];
            margin += leafValues[leaf(o4, c4, leafCount) + leafBase + 4 * leafCount];
            margin += leafValues[leaf(o5, c5, leafCount) + leafBase + 5 * leafCount];
            margin += leafValues[leaf(o6, c6, leafCount) + leafBase + 6 * leafCount];
            margin += leafValues[leaf(o7, c7, leafCount) + leafBase + 7 * leafCount];
        }
        for (; t < trees; t++) {
            long c = 8 - LONG_BASE - treeBytes * t;
            long o = 16 - c;
            for (int level = 0; level < depth; level++) {
                o = 2 * o + c + (side(nodes, keys, o) << 3);
            }
            margin += leafValues[leaf(o, c, leafCount) + t * leafCount];
        }
        return margin;
    }

    /** −1 when the row goes left at the node at byte offset {@code at} of {@code nodes}, else 0. */
    private static long side(long[] nodes, long[] keys, long at) {
        long node = UNSAFE.getLong(nodes, at);
        return UNSAFE.getLong(keys, node & KEY_LOW_BITS) - node >> 63;
    }

    /** The leaf a finished walk reached: {@code o + c - 8} is 8 times its heap index, which starts at 2^depth. */
    private static int leaf(long o, long c, int leafCount) {
        return (int) ((o + c - 8) >>> 3) - leafCount;
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (sun.misc.Unsafe) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
