package io.smecredit.model;

/**
 * Outcome of comparing the pure-Java evaluator with xgboost4j on a golden set.
 *
 * @param rows           golden rows compared
 * @param maxAbsDiff     largest absolute difference in raw probability
 * @param worstRow       index of the row with that difference
 * @param tolerance      the largest difference allowed
 */
public record ParityReport(String modelVersion, int rows, double maxAbsDiff, int worstRow, double tolerance) {

    public boolean passed() {
        return rows > 0 && maxAbsDiff <= tolerance;
    }

    public String summary() {
        return (passed() ? "parity passed" : "parity FAILED") + " for " + modelVersion + ": max |Δp| = "
                + readable(maxAbsDiff) + " over " + rows + " golden rows (tolerance " + readable(tolerance)
                + ", worst row " + worstRow + ")";
    }

    /** Two significant digits: "3.0e-7", not "2.99006251786027E-7" (a person compares it with a tolerance). */
    public static String readable(double value) {
        return value == 0 || !Double.isFinite(value) ? String.valueOf(value)
                : String.format(java.util.Locale.ROOT, "%.1e", value).replace("e-0", "e-").replace("e+0", "e+");
    }
}
