package io.smecredit.model;

import java.util.HashSet;
import java.util.List;

/**
 * A labelled design matrix: {@code rows} rows of {@code featureNames.size()} values, row-major, with
 * {@code Float.NaN} marking a missing value and labels 1 (default) or 0.
 */
public record Dataset(List<String> featureNames, float[] values, float[] labels, int rows) {

    public Dataset {
        featureNames = List.copyOf(featureNames);
        if (featureNames.isEmpty()) {
            throw new IllegalArgumentException("A dataset needs at least one feature");
        }
        if (new HashSet<>(featureNames).size() != featureNames.size()) {
            throw new IllegalArgumentException("Feature names must be unique: " + featureNames);
        }
        if (rows < 0 || labels.length != rows) {
            throw new IllegalArgumentException("Expected " + rows + " labels, got " + labels.length);
        }
        if ((long) rows * featureNames.size() != values.length) {
            throw new IllegalArgumentException("Expected " + (long) rows * featureNames.size() + " values ("
                    + rows + " rows x " + featureNames.size() + " features), got " + values.length);
        }
        for (int r = 0; r < rows; r++) {
            if (labels[r] != 0f && labels[r] != 1f) {
                throw new IllegalArgumentException("Label of row " + r + " is " + labels[r] + ": labels must be 0 or 1");
            }
        }
        for (int i = 0; i < values.length; i++) {
            if (Float.isInfinite(values[i])) {
                throw new IllegalArgumentException("Row " + i / featureNames.size() + ", feature '"
                        + featureNames.get(i % featureNames.size()) + "' is infinite");
            }
        }
    }

    public int featureCount() {
        return featureNames.size();
    }

    public float value(int row, int feature) {
        return values[row * featureNames.size() + feature];
    }

    public int positives() {
        int count = 0;
        for (float label : labels) {
            count += label == 1f ? 1 : 0;
        }
        return count;
    }

    /** The rows at {@code indices}, in that order. */
    public Dataset subset(int[] indices) {
        int width = featureNames.size();
        float[] subsetValues = new float[indices.length * width];
        float[] subsetLabels = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * width, subsetValues, i * width, width);
            subsetLabels[i] = labels[indices[i]];
        }
        return new Dataset(featureNames, subsetValues, subsetLabels, indices.length);
    }

    /** One row as doubles, the serving evaluator's input type. */
    public double[] row(int row) {
        int width = featureNames.size();
        double[] out = new double[width];
        for (int f = 0; f < width; f++) {
            out[f] = values[row * width + f];
        }
        return out;
    }

    /** Row-major doubles of all rows. */
    public double[] valuesAsDoubles() {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
