package io.smecredit.scoring.model.domain;

import java.util.Arrays;
import java.util.List;

/**
 * Labelled rows ready for training: features row-major in {@code featureNames} order (NaN = missing), labels 1 for
 * default and 0 otherwise. Independent of where the rows came from, so simulated and real data train the same way.
 */
public record TrainingSet(List<String> featureNames, float[] features, float[] labels) {

    public TrainingSet {
        featureNames = List.copyOf(featureNames);
        if (featureNames.isEmpty()) {
            throw new IllegalArgumentException("A training set needs at least one feature");
        }
        if (features.length != labels.length * featureNames.size()) {
            throw new IllegalArgumentException("Expected " + labels.length * featureNames.size()
                    + " feature values for " + labels.length + " rows, got " + features.length);
        }
    }

    public int rows() {
        return labels.length;
    }

    public int columns() {
        return featureNames.size();
    }

    public double defaultRate() {
        double defaults = 0;
        for (float label : labels) {
            defaults += label;
        }
        return rows() == 0 ? 0 : defaults / rows();
    }

    /** Rows [from, to) as their own set; the caller decides the split so it stays reproducible. */
    public TrainingSet slice(int from, int to) {
        int columns = columns();
        return new TrainingSet(featureNames,
                Arrays.copyOfRange(features, from * columns, to * columns),
                Arrays.copyOfRange(labels, from, to));
    }
}
