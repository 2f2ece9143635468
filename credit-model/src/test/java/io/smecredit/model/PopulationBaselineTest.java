package io.smecredit.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PopulationBaselineTest {

    @Test
    void psiOfKnownSharesMatchesTheFormula() {
        double[] expected = {0.5, 0.5};
        double[] actual = {0.25, 0.75};
        double hand = (0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.75 - 0.5) * Math.log(0.75 / 0.5);
        assertThat(PopulationBaseline.psi(expected, actual)).isCloseTo(hand, within(1e-12)).isCloseTo(0.2747, within(1e-4));
        assertThat(PopulationBaseline.psi(expected, expected)).isZero();
    }

    @Test
    void emptyBinsDoNotMakePsiInfinite() {
        double psi = PopulationBaseline.psi(new double[]{1.0, 0.0}, new double[]{0.5, 0.5});
        assertThat(psi).isFinite().isGreaterThan(0.25);
    }

    @Test
    void decileEdgesSplitAUniformSampleIntoTenths() {
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        double[] edges = PopulationBaseline.decileEdges(values);
        assertThat(edges).containsExactly(100, 200, 300, 400, 500, 600, 700, 800, 900);
        double[] shares = PopulationBaseline.shares(edges, values);
        assertThat(shares).hasSize(11);
        for (int i = 0; i < 10; i++) {
            assertThat(shares[i]).isCloseTo(0.1, within(1e-12));
        }
        assertThat(shares[10]).as("missing bin").isZero();
    }

    @Test
    void missingValuesHaveTheirOwnBinAndEdgeValuesGoRight() {
        double[] edges = {1.0, 2.0};
        assertThat(PopulationBaseline.bin(edges, Double.NaN)).isEqualTo(3);
        assertThat(PopulationBaseline.bin(edges, 0.5)).isEqualTo(0);
        assertThat(PopulationBaseline.bin(edges, 1.0)).isEqualTo(1);
        assertThat(PopulationBaseline.bin(edges, 2.0)).isEqualTo(2);
        assertThat(PopulationBaseline.bin(edges, 99)).isEqualTo(2);
    }

    @Test
    void stablePopulationScoresLowAndShiftedPopulationHigh() {
        Random random = new Random(1);
        int rows = 20_000;
        float[] values = new float[rows];
        float[] labels = new float[rows];
        double[] pds = new double[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = (float) random.nextGaussian();
            pds[i] = random.nextDouble() * 0.2;
        }
        PopulationBaseline baseline = PopulationBaseline.of(new Dataset(List.of("x"), values, labels, rows), pds);
        assertThat(baseline.binEdges()).containsOnlyKeys("x", PopulationBaseline.SCORE);
        double[] same = random.doubles(rows).map(u -> random.nextGaussian()).toArray();
        double[] shifted = random.doubles(rows).map(u -> random.nextGaussian() + 1.0).toArray();
        assertThat(baseline.psi("x", same)).isLessThan(0.01);
        assertThat(baseline.psi("x", shifted)).isGreaterThan(0.25);
        double[] halfMissing = random.doubles(rows).map(u -> u < 0.5 ? Double.NaN : random.nextGaussian()).toArray();
        assertThat(baseline.psi("x", halfMissing)).as("a surge of missing values is drift too").isGreaterThan(0.25);
    }

    @Test
    void unknownKeysAreRefused() {
        PopulationBaseline baseline = new PopulationBaseline(java.util.Map.of("x", new double[]{1}),
                java.util.Map.of("x", new double[]{0.5, 0.5, 0}));
        assertThatThrownBy(() -> baseline.shares("y", new double[]{1})).hasMessageContaining("'y'");
    }
}
