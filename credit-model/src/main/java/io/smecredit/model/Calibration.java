package io.smecredit.model;

import java.util.Arrays;

/**
 * Maps the booster's raw probability to a calibrated probability of default. Fitted on held-out rows the
 * booster never saw, because boosting (and any class weighting) distorts probabilities even when it ranks well.
 */
public sealed interface Calibration permits Calibration.Platt, Calibration.Isotonic {

    /** Keeps calibrated PDs strictly inside (0, 1) so log loss and log-odds stay finite. */
    double PD_FLOOR = 1e-6;

    double pd(double rawProbability);

    /** {@code pd = sigmoid(a * logit(raw) + b)}: a logistic regression on the booster's log-odds. */
    record Platt(double a, double b) implements Calibration {
        public Platt {
            if (!Double.isFinite(a) || !Double.isFinite(b)) {
                throw new IllegalArgumentException("Platt coefficients must be finite: a=" + a + ", b=" + b);
            }
        }

        @Override
        public double pd(double rawProbability) {
            double p = clamp(rawProbability);
            double logit = Math.log(p / (1 - p));
            return clamp(1 / (1 + Math.exp(-(a * logit + b))));
        }
    }

    /**
     * A non-decreasing map: {@code values[i]} at {@code thresholds[i]}, linear in between, flat beyond the ends.
     * Interpolating (rather than stepping) keeps distinct raw probabilities distinct, so ranking survives.
     */
    record Isotonic(double[] thresholds, double[] values) implements Calibration {
        public Isotonic {
            thresholds = thresholds.clone();
            values = values.clone();
            if (thresholds.length == 0 || thresholds.length != values.length) {
                throw new IllegalArgumentException("Isotonic calibration needs as many values as thresholds (at least one)");
            }
            for (int i = 0; i < thresholds.length; i++) {
                if (!Double.isFinite(thresholds[i]) || !Double.isFinite(values[i])) {
                    throw new IllegalArgumentException("Isotonic calibration points must be finite");
                }
                if (i > 0 && (thresholds[i] <= thresholds[i - 1] || values[i] < values[i - 1])) {
                    throw new IllegalArgumentException("Isotonic calibration must be strictly increasing in thresholds "
                            + "and non-decreasing in values (index " + i + ")");
                }
            }
        }

        @Override
        public double pd(double rawProbability) {
            if (Double.isNaN(rawProbability)) {
                throw new IllegalArgumentException("Raw probability is NaN");
            }
            int n = thresholds.length;
            if (rawProbability <= thresholds[0]) {
                return clamp(values[0]);
            }
            if (rawProbability >= thresholds[n - 1]) {
                return clamp(values[n - 1]);
            }
            int i = Arrays.binarySearch(thresholds, rawProbability);
            if (i >= 0) {
                return clamp(values[i]);
            }
            int upper = -i - 1;
            int lower = upper - 1;
            double t = (rawProbability - thresholds[lower]) / (thresholds[upper] - thresholds[lower]);
            return clamp(values[lower] + t * (values[upper] - values[lower]));
        }

        @Override
        public double[] thresholds() {
            return thresholds.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Isotonic o && Arrays.equals(thresholds, o.thresholds) && Arrays.equals(values, o.values);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(thresholds) + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Isotonic[" + thresholds.length + " points]";
        }
    }

    private static double clamp(double p) {
        return Math.min(1 - PD_FLOOR, Math.max(PD_FLOOR, p));
    }
}
