package io.smecredit.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Fits a {@link Calibration} to raw probabilities and outcomes of held-out rows. */
public final class CalibrationFitter {

    public enum Kind { PLATT, ISOTONIC }

    private CalibrationFitter() {
    }

    public static Calibration fit(Kind kind, double[] rawProbabilities, float[] labels) {
        return switch (kind) {
            case PLATT -> platt(rawProbabilities, labels);
            case ISOTONIC -> isotonic(rawProbabilities, labels);
        };
    }

    /**
     * Platt scaling on the booster's log-odds by Newton's method, with Platt's smoothed targets
     * ((positives + 1) / (positives + 2) and 1 / (negatives + 2)) so a small held-out set cannot push PDs to 0 or 1.
     */
    public static Calibration.Platt platt(double[] rawProbabilities, float[] labels) {
        requireSameLength(rawProbabilities, labels);
        int n = labels.length;
        int positives = 0;
        for (float label : labels) {
            positives += label == 1f ? 1 : 0;
        }
        double targetPositive = (positives + 1.0) / (positives + 2.0);
        double targetNegative = 1.0 / (n - positives + 2.0);
        double[] x = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            double p = Math.min(1 - 1e-12, Math.max(1e-12, rawProbabilities[i]));
            x[i] = Math.log(p / (1 - p));
            t[i] = labels[i] == 1f ? targetPositive : targetNegative;
        }
        double a = 1;
        double b = 0;
        for (int iteration = 0; iteration < 100; iteration++) {
            double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
            for (int i = 0; i < n; i++) {
                double p = 1 / (1 + Math.exp(-(a * x[i] + b)));
                double residual = p - t[i];
                double w = p * (1 - p);
                ga += residual * x[i];
                gb += residual;
                haa += w * x[i] * x[i];
                hab += w * x[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (Math.abs(det) < 1e-18) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new Calibration.Platt(a, b);
    }

    /** Pool-adjacent-violators on rows sorted by raw probability; equal raw probabilities are pooled first. */
    public static Calibration.Isotonic isotonic(double[] rawProbabilities, float[] labels) {
        requireSameLength(rawProbabilities, labels);
        Integer[] order = new Integer[labels.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> rawProbabilities[i]));
        List<double[]> blocks = new ArrayList<>(); // {sum of x, sum of y, weight}
        int i = 0;
        while (i < order.length) {
            double x = rawProbabilities[order[i]];
            double sumY = 0;
            int count = 0;
            while (i < order.length && rawProbabilities[order[i]] == x) {
                sumY += labels[order[i]];
                count++;
                i++;
            }
            blocks.add(new double[]{x * count, sumY, count});
            while (blocks.size() > 1) {
                double[] last = blocks.get(blocks.size() - 1);
                double[] previous = blocks.get(blocks.size() - 2);
                if (previous[1] / previous[2] < last[1] / last[2]) {
                    break;
                }
                previous[0] += last[0];
                previous[1] += last[1];
                previous[2] += last[2];
                blocks.remove(blocks.size() - 1);
            }
        }
        double[] thresholds = new double[blocks.size()];
        double[] values = new double[blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            double[] block = blocks.get(b);
            thresholds[b] = block[0] / block[2];
            values[b] = block[1] / block[2];
        }
        return new Calibration.Isotonic(thresholds, values);
    }

    private static void requireSameLength(double[] raw, float[] labels) {
        if (raw.length != labels.length || raw.length == 0) {
            throw new IllegalArgumentException("Calibration needs as many (and at least one) raw probabilities as labels");
        }
    }
}
