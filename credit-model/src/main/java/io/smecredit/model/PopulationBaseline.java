package io.smecredit.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training population's distribution of every feature and of the score, as shares per bin. Bin edges are
 * fixed once, from the training values (see {@link #binEdges}), and stored with the model so every later PSI
 * compares like with like.
 *
 * <p>For edges {@code e[0] < … < e[k-1]} there are {@code k + 2} bins: {@code (-inf, e[0])}, {@code [e[i-1], e[i])},
 * {@code [e[k-1], +inf)} and, last, missing (NaN). Building the baseline and monitoring both bin through
 * {@link #bin}, so a value is counted in the same bin in training and in production. The key {@link #SCORE} holds
 * the calibrated PD; the score points are a monotone function of it, so the same bins serve both.
 */
public record PopulationBaseline(Map<String, double[]> binEdges, Map<String, double[]> expectedShares) {

    public static final String SCORE = "score";
    /** Shares below this are floored when computing PSI, so an empty bin does not make it infinite. */
    public static final double SHARE_FLOOR = 1e-4;
    /**
     * A feature with at most this many distinct training values (an indicator, a small count, a code) gets one bin per
     * value: its deciles would collapse, and a rare value merged with a common one can grow tenfold unseen.
     */
    static final int MAX_DISTINCT_VALUES_WITH_OWN_BINS = 20;
    /** Otherwise bins are filled in value order until they hold a tenth of the rows, like deciles. */
    static final double TARGET_BIN_SHARE = 0.1;
    /**
     * ... except that a single value held by at least this share of the rows is a bin of its own (the zeros of a mostly
     * zero amount, a cap): merged with its neighbours, a change in how often it occurs would be diluted or hidden.
     */
    static final double POINT_MASS_SHARE = 0.05;

    public PopulationBaseline {
        binEdges = copy(binEdges);
        expectedShares = copy(expectedShares);
        if (!binEdges.keySet().equals(expectedShares.keySet())) {
            throw new IllegalArgumentException("Bin edges and expected shares must have the same keys");
        }
        for (var entry : binEdges.entrySet()) {
            double[] edges = entry.getValue();
            for (int i = 1; i < edges.length; i++) {
                if (!(edges[i] > edges[i - 1])) {
                    throw new IllegalArgumentException("Bin edges of '" + entry.getKey() + "' must be strictly increasing");
                }
            }
            if (expectedShares.get(entry.getKey()).length != edges.length + 2) {
                throw new IllegalArgumentException("'" + entry.getKey() + "' needs " + (edges.length + 2) + " shares");
            }
        }
    }

    /**
     * Baseline of a training set and the PDs of its rows: one per row, in any order (only their distribution is kept);
     * the trainer passes out-of-fold PDs, the scores of borrowers a model had not seen.
     */
    public static PopulationBaseline of(Dataset training, double[] trainingPds) {
        if (trainingPds.length != training.rows()) {
            throw new IllegalArgumentException("Need one PD per training row");
        }
        Map<String, double[]> edges = new LinkedHashMap<>();
        Map<String, double[]> shares = new LinkedHashMap<>();
        List<String> names = training.featureNames();
        double[] column = new double[training.rows()];
        for (int f = 0; f < names.size(); f++) {
            for (int r = 0; r < training.rows(); r++) {
                column[r] = training.value(r, f);
            }
            double[] e = binEdges(column);
            edges.put(names.get(f), e);
            shares.put(names.get(f), shares(e, column));
        }
        double[] e = binEdges(trainingPds);
        edges.put(SCORE, e);
        shares.put(SCORE, shares(e, trainingPds));
        return new PopulationBaseline(edges, shares);
    }

    /**
     * Edges of the bins of the non-missing {@code values}: with at most {@link #MAX_DISTINCT_VALUES_WITH_OWN_BINS}
     * distinct values, one bin per value; otherwise bins of about a tenth of the rows each, formed in value order,
     * with every value held by at least {@link #POINT_MASS_SHARE} of the rows alone in its bin. Each edge lies halfway
     * between two adjacent distinct training values, so every training value falls clearly inside one bin: training
     * values are floats and monitored ones doubles, and an edge on a value itself (0.2f is 0.2000000030) would put a
     * live 0.2 in the bin below.
     */
    static double[] binEdges(double[] values) {
        // + 0.0 turns -0.0 into 0.0: one value for ==, whereas sorted() and distinct() would keep two.
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).map(v -> v + 0.0).sorted().toArray();
        double[] distinct = Arrays.stream(present).distinct().toArray();
        int[] counts = new int[distinct.length];
        for (int i = 0, d = 0; i < present.length; i++) {
            d = present[i] == distinct[d] ? d : d + 1;
            counts[d]++;
        }
        // cutBefore[i]: a bin starts at distinct[i].
        boolean[] cutBefore = new boolean[distinct.length];
        if (distinct.length <= MAX_DISTINCT_VALUES_WITH_OWN_BINS) {
            Arrays.fill(cutBefore, true);
        } else {
            cutToTenthsKeepingPointMassesApart(counts, present.length, cutBefore);
        }
        return java.util.stream.IntStream.range(1, distinct.length)
                .filter(i -> cutBefore[i])
                .mapToDouble(i -> between(distinct[i - 1], distinct[i]))
                .toArray();
    }

    private static void cutToTenthsKeepingPointMassesApart(int[] counts, int rows, boolean[] cutBefore) {
        double target = TARGET_BIN_SHARE * rows;
        double pointMass = POINT_MASS_SHARE * rows;
        int binStart = 0;
        int rowsInBin = 0;
        for (int i = 0; i <= counts.length; i++) {
            boolean atEnd = i == counts.length;
            boolean isPointMass = !atEnd && counts[i] >= pointMass;
            if ((atEnd || isPointMass) && rowsInBin > 0) {
                // Rows left over before a point mass or at the top: a sliver of them would be a bin that only adds
                // noise to every PSI (German credit's durations of 13-14 months, 0.8 % between the masses at 12 and
                // 15, moved 200-row PSIs of the same population past 0.1), so it joins the bin before it, full or a
                // point mass, or the point mass after it when it is the lowest values.
                boolean sliver = rowsInBin < target / 2;
                if (sliver && binStart > 0) {
                    cutBefore[binStart] = false;
                }
                if (!atEnd) {
                    cutBefore[i] = !(sliver && binStart == 0);
                }
                binStart = i;
                rowsInBin = 0;
            }
            if (atEnd) {
                break;
            }
            rowsInBin += counts[i];
            if ((isPointMass || rowsInBin >= target) && i + 1 < counts.length) {
                cutBefore[i + 1] = true;
                binStart = i + 1;
                rowsInBin = 0;
            }
        }
    }

    /** An edge above {@code below} and at most {@code above}: halfway, or {@code above} if no double lies between. */
    private static double between(double below, double above) {
        double halfway = below / 2 + above / 2;
        return halfway > below && halfway <= above ? halfway : above;
    }

    /** Shares of {@code values} in the bins of {@code key}; NaN counts as missing. */
    public double[] shares(String key, double[] values) {
        double[] edges = binEdges.get(key);
        if (edges == null) {
            throw new IllegalArgumentException("No baseline for '" + key + "'");
        }
        return shares(edges, values);
    }

    public double psi(String key, double[] values) {
        double[] expected = expectedShares.get(key);
        if (expected == null) {
            throw new IllegalArgumentException("No baseline for '" + key + "'");
        }
        return psi(expected, shares(key, values));
    }

    static double[] shares(double[] edges, double[] values) {
        double[] counts = new double[edges.length + 2];
        for (double value : values) {
            counts[bin(edges, value)]++;
        }
        if (values.length > 0) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] /= values.length;
            }
        }
        return counts;
    }

    static int bin(double[] edges, double value) {
        if (Double.isNaN(value)) {
            return edges.length + 1;
        }
        int i = Arrays.binarySearch(edges, value);
        // An exact hit on edge i belongs to the bin that starts there.
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** Population stability index: sum of (actual - expected) * ln(actual / expected) over the bins. */
    public static double psi(double[] expectedShares, double[] actualShares) {
        if (expectedShares.length != actualShares.length) {
            throw new IllegalArgumentException("Expected and actual shares need the same bins ("
                    + expectedShares.length + " vs " + actualShares.length + ")");
        }
        double psi = 0;
        for (int i = 0; i < expectedShares.length; i++) {
            double expected = Math.max(SHARE_FLOOR, expectedShares[i]);
            double actual = Math.max(SHARE_FLOOR, actualShares[i]);
            if (expectedShares[i] == 0 && actualShares[i] == 0) {
                continue;
            }
            psi += (actual - expected) * Math.log(actual / expected);
        }
        return psi;
    }

    @Override
    public Map<String, double[]> binEdges() {
        return copy(binEdges);
    }

    @Override
    public Map<String, double[]> expectedShares() {
        return copy(expectedShares);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof PopulationBaseline o) || !binEdges.keySet().equals(o.binEdges.keySet())) {
            return false;
        }
        for (String key : binEdges.keySet()) {
            if (!Arrays.equals(binEdges.get(key), o.binEdges.get(key))
                    || !Arrays.equals(expectedShares.get(key), o.expectedShares.get(key))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return binEdges.keySet().hashCode();
    }

    private static Map<String, double[]> copy(Map<String, double[]> source) {
        Map<String, double[]> copy = new LinkedHashMap<>();
        source.forEach((key, value) -> copy.put(key, value.clone()));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
