package io.smecredit.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training population's distribution of every feature and of the score, as shares per bin. Bin edges are
 * fixed once, from the training deciles, and stored with the model so every later PSI compares like with like.
 *
 * <p>For edges {@code e[0] < … < e[k-1]} there are {@code k + 2} bins: {@code (-inf, e[0])}, {@code [e[i-1], e[i])},
 * {@code [e[k-1], +inf)} and, last, missing (NaN). The key {@link #SCORE} holds the calibrated PD; the score
 * points are a monotone function of it, so the same bins serve both.
 */
public record PopulationBaseline(Map<String, double[]> binEdges, Map<String, double[]> expectedShares) {

    public static final String SCORE = "score";
    /** Shares below this are floored when computing PSI, so an empty bin does not make it infinite. */
    public static final double SHARE_FLOOR = 1e-4;

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
            double[] e = decileEdges(column);
            edges.put(names.get(f), e);
            shares.put(names.get(f), shares(e, column));
        }
        double[] e = decileEdges(trainingPds);
        edges.put(SCORE, e);
        shares.put(SCORE, shares(e, trainingPds));
        return new PopulationBaseline(edges, shares);
    }

    /** Distinct deciles (10 %, …, 90 %) of the non-missing values; fewer when values repeat. */
    static double[] decileEdges(double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (present.length == 0) {
            return new double[0];
        }
        return java.util.stream.IntStream.rangeClosed(1, 9)
                .mapToDouble(d -> present[(int) Math.min(present.length - 1, Math.floor(d * present.length / 10.0))])
                .filter(edge -> edge > present[0])
                .distinct()
                .sorted()
                .toArray();
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
