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
                + maxAbsDiff + " over " + rows + " golden rows (tolerance " + tolerance + ", worst row " + worstRow + ")";
    }
}
