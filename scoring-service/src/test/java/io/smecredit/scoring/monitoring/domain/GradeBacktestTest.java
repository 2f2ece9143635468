package io.smecredit.scoring.monitoring.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** PD backtests on cohorts small enough to count by hand, and the binomial tail against closed forms. */
class GradeBacktestTest {

    @Test
    void eachGradeCountsItsRowsDefaultsAndExpectedDefaults() {
        // Two A rows (0.2 %, 0.4 %), none defaulted; three C rows at 1.5 %, one defaulted; one F row at 40 %, defaulted.
        List<GradeBacktest> backtest = GradeBacktest.of(new double[]{0.002, 0.015, 0.4, 0.004, 0.015, 0.015},
                new boolean[]{false, true, true, false, false, false});

        assertThat(backtest).extracting(GradeBacktest::grade).containsExactly("A", "C", "F");
        GradeBacktest a = backtest.get(0);
        assertThat(a.pdBand()).isEqualTo("[0%, 0.5%)");
        assertThat(a.rows()).isEqualTo(2);
        assertThat(a.defaults()).isZero();
        assertThat(a.meanPd()).isCloseTo(0.003, within(1e-12));
        assertThat(a.expectedDefaults()).isCloseTo(0.006, within(1e-12));
        assertThat(a.pValueTooManyDefaults()).isEqualTo(1.0);

        GradeBacktest c = backtest.get(1);
        assertThat(c.pdBand()).isEqualTo("[1%, 2%)");
        assertThat(c.rows()).isEqualTo(3);
        assertThat(c.defaults()).isEqualTo(1);
        assertThat(c.observedDefaultRate()).isCloseTo(1.0 / 3, within(1e-12));
        // P(at least one of three at 1.5 %) = 1 - 0.985^3
        assertThat(c.pValueTooManyDefaults()).isCloseTo(1 - Math.pow(0.985, 3), within(1e-12));

        assertThat(backtest.get(2).pdBand()).isEqualTo("[10%, 100%]");
    }

    @Test
    void binomialTailMatchesTheClosedFormOnASmallCohort() {
        // P(X >= 3), n = 10, p = 0.1: 1 - (0.9^10 + 10 * 0.1 * 0.9^9 + 45 * 0.01 * 0.9^8)
        double expected = 1 - (Math.pow(0.9, 10) + Math.pow(0.9, 9) + 0.45 * Math.pow(0.9, 8));
        assertThat(GradeBacktest.probabilityOfAtLeast(3, 10, 0.1)).isCloseTo(expected, within(1e-12));
        assertThat(GradeBacktest.probabilityOfAtLeast(10, 10, 0.1)).isCloseTo(1e-10, within(1e-22));
    }

    @Test
    void binomialTailStaysExactWhereTheFirstTermUnderflows() {
        // 0.99^100000 is far below the smallest double. Reference values summed with lgamma in Python: at the mean
        // (1,000 defaults) the tail is just over half; 1,300 defaults are about nine standard deviations out.
        assertThat(GradeBacktest.probabilityOfAtLeast(1000, 100_000, 0.01)).isCloseTo(0.504268688, within(1e-8));
        assertThat(GradeBacktest.probabilityOfAtLeast(1300, 100_000, 0.01)).isCloseTo(4.35477149e-20, within(1e-27));
    }

    @Test
    void edgeCasesOfTheTail() {
        assertThat(GradeBacktest.probabilityOfAtLeast(0, 5, 0.2)).isEqualTo(1.0);
        assertThat(GradeBacktest.probabilityOfAtLeast(1, 5, 0.0)).isEqualTo(0.0);
        assertThat(GradeBacktest.probabilityOfAtLeast(5, 5, 1.0)).isEqualTo(1.0);
    }

    @Test
    void pdsAndOutcomesMustPair() {
        assertThatThrownBy(() -> GradeBacktest.of(new double[]{0.1}, new boolean[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
