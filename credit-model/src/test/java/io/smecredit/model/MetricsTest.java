package io.smecredit.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every expected value below was worked out by hand. */
class MetricsTest {

    private static final double[] PDS = {0.1, 0.4, 0.35, 0.8};
    private static final float[] LABELS = {0, 0, 1, 1};

    @Test
    void aucCountsCorrectlyOrderedPairs() {
        // Pairs (positive, negative): (0.35, 0.1) yes, (0.35, 0.4) no, (0.8, 0.1) yes, (0.8, 0.4) yes → 3/4.
        assertThat(Metrics.auc(PDS, LABELS)).isEqualTo(0.75);
    }

    @Test
    void aucCountsTiesAsHalf() {
        assertThat(Metrics.auc(new double[]{0.5, 0.5}, new float[]{0, 1})).isEqualTo(0.5);
        assertThat(Metrics.auc(new double[]{0.2, 0.5, 0.5}, new float[]{0, 0, 1})).isEqualTo(0.75);
    }

    @Test
    void ksIsTheLargestGapBetweenCumulativeDistributions() {
        // Sorted: 0.1(n) 0.35(p) 0.4(n) 0.8(p). After 0.1: |1/2 - 0| = 0.5; after 0.35: |1/2 - 1/2| = 0;
        // after 0.4: |1 - 1/2| = 0.5; after 0.8: 0.
        assertThat(Metrics.ks(PDS, LABELS)).isEqualTo(0.5);
        // Tied scores are never split: both rows at 0.5 move together, so the gap is 0, not 1.
        assertThat(Metrics.ks(new double[]{0.5, 0.5}, new float[]{0, 1})).isEqualTo(0.0);
    }

    @Test
    void giniIsTwiceAucMinusOne() {
        assertThat(Metrics.of(PDS, LABELS).gini()).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void brierIsTheMeanSquaredError() {
        // (0.01 + 0.16 + 0.4225 + 0.04) / 4 = 0.158125
        assertThat(Metrics.brier(PDS, LABELS)).isCloseTo(0.158125, within(1e-12));
    }

    @Test
    void logLossIsTheMeanNegativeLogLikelihood() {
        double expected = -(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4;
        assertThat(Metrics.logLoss(PDS, LABELS)).isCloseTo(expected, within(1e-12));
        assertThat(Metrics.logLoss(new double[]{0.0}, new float[]{1})).isCloseTo(-Math.log(1e-15), within(1e-9));
    }

    @Test
    void eceWeighsEachBinsGapByItsShare() {
        // Bins: [0.1,0.2) {0.1:n} gap 0.1; [0.3,0.4) {0.35:p} gap 0.65; [0.4,0.5) {0.4:n} gap 0.4; [0.8,0.9) {0.8:p} gap 0.2.
        // ECE = (0.1 + 0.65 + 0.4 + 0.2) / 4 = 0.3375
        assertThat(Metrics.ece(PDS, LABELS)).isCloseTo(0.3375, within(1e-12));
        // Two rows in one bin: mean PD 0.25, default rate 0.5 → 0.25.
        assertThat(Metrics.ece(new double[]{0.21, 0.29, 1.0}, new float[]{0, 1, 1})).isCloseTo(2.0 / 3 * 0.25, within(1e-12));
    }

    @Test
    void metricsMapUsesTheReportKeys() {
        assertThat(Metrics.of(PDS, LABELS).asMap()).containsOnlyKeys("auc", "ks", "gini", "brier", "logloss", "ece");
    }
}
