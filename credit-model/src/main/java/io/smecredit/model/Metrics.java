package io.smecredit.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Discrimination and calibration of predicted PDs against outcomes.
 *
 * @param auc     area under the ROC curve (ties count one half)
 * @param ks      Kolmogorov–Smirnov: largest gap between the cumulative score distributions of defaulters and others
 * @param gini    2·AUC − 1
 * @param brier   mean squared error of the PD
 * @param logloss mean negative log-likelihood, PDs clipped to [1e-15, 1 − 1e-15]
 * @param ece     expected calibration error over 10 equal-width PD bins: Σ (bin rows / rows) · |mean PD − default rate|
 */
public record Metrics(double auc, double ks, double gini, double brier, double logloss, double ece) {

    public static final int ECE_BINS = 10;

    public static Metrics of(double[] pds, float[] labels) {
        if (pds.length != labels.length || pds.length == 0) {
            throw new IllegalArgumentException("Need as many (and at least one) PDs as labels");
        }
        double auc = auc(pds, labels);
        return new Metrics(auc, ks(pds, labels), 2 * auc - 1, brier(pds, labels), logLoss(pds, labels), ece(pds, labels));
    }

    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("auc", auc);
        map.put("ks", ks);
        map.put("gini", gini);
        map.put("brier", brier);
        map.put("logloss", logloss);
        map.put("ece", ece);
        return map;
    }

    /** Mean of each metric over several folds. */
    public static Metrics mean(java.util.List<Metrics> folds) {
        int n = folds.size();
        return new Metrics(
                folds.stream().mapToDouble(Metrics::auc).sum() / n,
                folds.stream().mapToDouble(Metrics::ks).sum() / n,
                folds.stream().mapToDouble(Metrics::gini).sum() / n,
                folds.stream().mapToDouble(Metrics::brier).sum() / n,
                folds.stream().mapToDouble(Metrics::logloss).sum() / n,
                folds.stream().mapToDouble(Metrics::ece).sum() / n);
    }

    /** Mann–Whitney: the share of (defaulter, non-defaulter) pairs ranked correctly, ties counting one half. */
    public static double auc(double[] pds, float[] labels) {
        Integer[] order = sortedOrder(pds);
        long positives = 0;
        for (float label : labels) {
            positives += label == 1f ? 1 : 0;
        }
        long negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double rankSumPositives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j < order.length && pds[order[j]] == pds[order[i]]) {
                j++;
            }
            double averageRank = (i + 1 + j) / 2.0; // ranks i+1 … j share their mean
            for (int k = i; k < j; k++) {
                if (labels[order[k]] == 1f) {
                    rankSumPositives += averageRank;
                }
            }
            i = j;
        }
        return (rankSumPositives - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Evaluated only between distinct PDs, so tied rows never split into an artificial gap. */
    public static double ks(double[] pds, float[] labels) {
        Integer[] order = sortedOrder(pds);
        long positives = 0;
        for (float label : labels) {
            positives += label == 1f ? 1 : 0;
        }
        long negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double best = 0;
        long seenPositives = 0;
        long seenNegatives = 0;
        int i = 0;
        while (i < order.length) {
            double value = pds[order[i]];
            while (i < order.length && pds[order[i]] == value) {
                if (labels[order[i]] == 1f) {
                    seenPositives++;
                } else {
                    seenNegatives++;
                }
                i++;
            }
            best = Math.max(best, Math.abs((double) seenNegatives / negatives - (double) seenPositives / positives));
        }
        return best;
    }

    public static double brier(double[] pds, float[] labels) {
        double sum = 0;
        for (int i = 0; i < pds.length; i++) {
            double d = pds[i] - labels[i];
            sum += d * d;
        }
        return sum / pds.length;
    }

    public static double logLoss(double[] pds, float[] labels) {
        double sum = 0;
        for (int i = 0; i < pds.length; i++) {
            double p = Math.min(1 - 1e-15, Math.max(1e-15, pds[i]));
            sum -= labels[i] == 1f ? Math.log(p) : Math.log(1 - p);
        }
        return sum / pds.length;
    }

    /** Bins are [0, 0.1), [0.1, 0.2), …, [0.9, 1.0]. */
    public static double ece(double[] pds, float[] labels) {
        double[] sumPd = new double[ECE_BINS];
        double[] sumY = new double[ECE_BINS];
        int[] count = new int[ECE_BINS];
        for (int i = 0; i < pds.length; i++) {
            int bin = Math.min(ECE_BINS - 1, (int) Math.floor(pds[i] * ECE_BINS));
            sumPd[bin] += pds[i];
            sumY[bin] += labels[i];
            count[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < ECE_BINS; b++) {
            if (count[b] > 0) {
                ece += (double) count[b] / pds.length * Math.abs(sumPd[b] / count[b] - sumY[b] / count[b]);
            }
        }
        return ece;
    }

    private static Integer[] sortedOrder(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        return order;
    }
}
