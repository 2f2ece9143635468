package io.smecredit.scoring.monitoring.domain;

import io.smecredit.model.PopulationBaseline;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** PSI against stored bins on distributions small enough to compute by hand. */
class DriftAssessmentTest {

    // Bins of x: (-inf, 1), [1, 2), [2, +inf), missing. Training shares 25% / 25% / 50% / 0%.
    // Bins of the score (PD): (-inf, 0.05), [0.05, +inf), missing. Training shares 75% / 25% / 0%.
    private static final PopulationBaseline BASELINE = new PopulationBaseline(
            Map.of("x", new double[]{1, 2}, PopulationBaseline.SCORE, new double[]{0.05}),
            Map.of("x", new double[]{0.25, 0.25, 0.5, 0}, PopulationBaseline.SCORE, new double[]{0.75, 0.25, 0}));

    @Test
    void populationLikeTrainingHasZeroPsi() {
        var result = DriftAssessment.assess(BASELINE, List.of("x"), rows(
                new double[]{0.5, 1.5, 2.5, 3.0}, new double[]{0.01, 0.02, 0.03, 0.10}));
        // PDs: 3 of 4 below 0.05 -> 75/25 as in training; x: 1/1/2 of 4 -> 25/25/50.
        assertThat(result.featurePsi().get("x")).isCloseTo(0.0, within(1e-12));
        assertThat(result.scorePsi()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void shiftedPopulationHasTheHandComputedPsi() {
        // x: shares 50% / 25% / 25% / 0%
        //   PSI = (0.50-0.25)ln(0.50/0.25) + 0 + (0.25-0.50)ln(0.25/0.50) = 0.25 ln2 + 0.25 ln2 = 0.5 ln 2 = 0.34657
        // score: shares 50% / 50%: (0.5-0.75)ln(0.5/0.75) + (0.5-0.25)ln(0.5/0.25) = 0.10137 + 0.17329 = 0.27465
        var result = DriftAssessment.assess(BASELINE, List.of("x"), rows(
                new double[]{0.1, 0.2, 1.5, 2.5}, new double[]{0.01, 0.2, 0.02, 0.3}));

        assertThat(result.featurePsi().get("x")).isCloseTo(0.5 * Math.log(2), within(1e-12));
        assertThat(result.scorePsi()).isCloseTo(
                0.25 * Math.log(1.5) + 0.25 * Math.log(2), within(1e-12));
        assertThat(result.above(0.25)).containsOnlyKeys("x", PopulationBaseline.SCORE);
        assertThat(result.above(0.3)).containsOnlyKeys("x");
    }

    @Test
    void missingValuesFallInTheirOwnBinAndAnEmptyTrainingBinIsFloored() {
        // x: 2 of 4 missing -> shares 25% / 0% / 25% / 50%; training has 0% missing, floored at 1e-4.
        //   PSI = 0 + (0.0001-0.25)ln(0.0001/0.25) + (0.25-0.5)ln(0.25/0.5) + (0.5-0.0001)ln(0.5/0.0001)
        var result = DriftAssessment.assess(BASELINE, List.of("x"), rows(
                new double[]{0.5, 2.5, Double.NaN, Double.NaN}, new double[]{0.01, 0.01, 0.01, 0.2}));
        double expected = (0.0001 - 0.25) * Math.log(0.0001 / 0.25) + (0.25 - 0.5) * Math.log(0.25 / 0.5)
                + (0.5 - 0.0001) * Math.log(0.5 / 0.0001);
        assertThat(result.featurePsi().get("x")).isCloseTo(expected, within(1e-9));
    }

    @Test
    void aValueOnABinEdgeBelongsToTheBinThatStartsThere() {
        // All four x exactly 1.0 -> all in [1, 2): shares 0 / 100% / 0 / 0
        var result = DriftAssessment.assess(BASELINE, List.of("x"), rows(
                new double[]{1, 1, 1, 1}, new double[]{0.01, 0.01, 0.01, 0.2}));
        double expected = (0.0001 - 0.25) * Math.log(0.0001 / 0.25) + (1 - 0.25) * Math.log(1 / 0.25)
                + (0.0001 - 0.5) * Math.log(0.0001 / 0.5);
        assertThat(result.featurePsi().get("x")).isCloseTo(expected, within(1e-9));
    }

    private static List<DriftAssessment.ScoredRow> rows(double[] x, double[] pds) {
        assertThat(x).hasSameSizeAs(pds);
        return java.util.stream.IntStream.range(0, x.length)
                .mapToObj(i -> new DriftAssessment.ScoredRow(new double[]{x[i]}, pds[i]))
                .toList();
    }
}
