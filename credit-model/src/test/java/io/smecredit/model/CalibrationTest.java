package io.smecredit.model;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CalibrationTest {

    @Test
    void isotonicPoolsAdjacentViolators() {
        // Sorted raw: 0.1→0, 0.2→1, 0.3→0, 0.4→1. (0.2,0.3) violate and pool to mean 0.5 at x = 0.25.
        Calibration.Isotonic fitted = CalibrationFitter.isotonic(new double[]{0.3, 0.1, 0.4, 0.2}, new float[]{0, 0, 1, 1});
        assertThat(fitted.thresholds()).containsExactly(0.1, 0.25, 0.4);
        assertThat(fitted.values()).containsExactly(0.0, 0.5, 1.0);
    }

    @Test
    void isotonicInterpolatesBetweenPointsAndIsFlatBeyondThem() {
        Calibration.Isotonic map = new Calibration.Isotonic(new double[]{0.1, 0.3}, new double[]{0.2, 0.6});
        assertThat(map.pd(0.2)).isCloseTo(0.4, within(1e-12));
        assertThat(map.pd(0.0)).isEqualTo(0.2);
        assertThat(map.pd(0.9)).isEqualTo(0.6);
        assertThat(map.pd(0.3)).isEqualTo(0.6);
    }

    @Test
    void calibratedPdsStayStrictlyInsideZeroAndOne() {
        Calibration.Isotonic map = new Calibration.Isotonic(new double[]{0.1, 0.3}, new double[]{0.0, 1.0});
        assertThat(map.pd(0.05)).isEqualTo(Calibration.PD_FLOOR);
        assertThat(map.pd(0.5)).isEqualTo(1 - Calibration.PD_FLOOR);
    }

    @Test
    void isotonicRefusesDecreasingValues() {
        assertThatThrownBy(() -> new Calibration.Isotonic(new double[]{0.1, 0.2}, new double[]{0.5, 0.4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-decreasing");
    }

    @Test
    void plattRecoversAKnownLogisticMap() {
        // Outcomes drawn with pd = sigmoid(0.5 * logit(raw) - 1): the fit must find a ≈ 0.5, b ≈ -1.
        Random random = new Random(4);
        int n = 200_000;
        double[] raw = new double[n];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            raw[i] = 0.01 + 0.98 * random.nextDouble();
            double logit = Math.log(raw[i] / (1 - raw[i]));
            labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-(0.5 * logit - 1))) ? 1 : 0;
        }
        Calibration.Platt platt = CalibrationFitter.platt(raw, labels);
        assertThat(platt.a()).isCloseTo(0.5, within(0.03));
        assertThat(platt.b()).isCloseTo(-1.0, within(0.03));
        assertThat(platt.pd(0.5)).isCloseTo(1 / (1 + Math.exp(1.0)), within(0.01));
    }

    @Test
    void plattIsStrictlyIncreasingSoRankingSurvives() {
        Calibration.Platt platt = new Calibration.Platt(0.8, -0.3);
        assertThat(platt.pd(0.2)).isLessThan(platt.pd(0.2000001));
    }
}
