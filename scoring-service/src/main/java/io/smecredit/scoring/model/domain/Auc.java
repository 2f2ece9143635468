package io.smecredit.scoring.model.domain;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Area under the ROC curve by the rank-sum (Mann-Whitney) identity, with tied predictions sharing their mean rank. */
public final class Auc {

    private Auc() {
    }

    public static double of(float[] predictions, float[] labels) {
        if (predictions.length != labels.length) {
            throw new IllegalArgumentException("predictions and labels differ in length");
        }
        Integer[] order = IntStream.range(0, predictions.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> predictions[i]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && predictions[order[j + 1]] == predictions[order[i]]) {
                j++;
            }
            double meanRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] > 0.5f) {
                    positiveRankSum += meanRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
