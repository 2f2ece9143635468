package io.smecredit.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
    void binEdgesSplitAUniformSampleIntoTenths() {
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        double[] edges = PopulationBaseline.binEdges(values);
        // The deciles 100, 200, …, 900 start the bins, as before; the edges lie halfway to the value below them.
        assertThat(edges).containsExactly(99.5, 199.5, 299.5, 399.5, 499.5, 599.5, 699.5, 799.5, 899.5);
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
    void aRareIndicatorHasABinForItsOnesAndAShiftInThemIsDrift() {
        // checking_status=A13 of German credit: 1 in 6% of the rows. Its deciles are all 0, which used to leave one bin.
        double[] training = indicator(1000, 60);
        PopulationBaseline baseline = baselineOf("checking_status=A13", training);
        assertThat(baseline.binEdges().get("checking_status=A13")).containsExactly(0.5);
        assertThat(baseline.expectedShares().get("checking_status=A13")).containsExactly(0.94, 0.06, 0.0);

        assertThat(baseline.psi("checking_status=A13", indicator(400, 24))).isCloseTo(0.0, within(1e-12));
        double toSixtyPercent = baseline.psi("checking_status=A13", indicator(400, 240));
        assertThat(toSixtyPercent).isCloseTo((0.4 - 0.94) * Math.log(0.4 / 0.94) + (0.6 - 0.06) * Math.log(0.6 / 0.06),
                within(1e-12)).isGreaterThan(0.25);
    }

    @Test
    void aSmallCountHasOneBinPerValue() {
        // Active machines 1-12, most SMEs running a few: the top counts hold 1-2 % each and used to share a decile.
        int[] smesWithCount = {180, 170, 150, 120, 100, 80, 60, 50, 40, 25, 15, 10};
        double[] training = counts(smesWithCount);
        PopulationBaseline baseline = baselineOf("active_machines", training);
        assertThat(baseline.binEdges().get("active_machines"))
                .containsExactly(1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5);
        double[] shares = baseline.expectedShares().get("active_machines");
        for (int count = 1; count <= 12; count++) {
            assertThat(shares[count - 1]).as("share of %d machines", count)
                    .isCloseTo(smesWithCount[count - 1] / 1000.0, within(1e-12));
        }
        assertThat(shares[12]).as("missing").isZero();

        assertThat(baseline.psi("active_machines", training)).isZero();
        // A fleet that grows: 15 % of SMEs now run all 12 machines instead of 1 %.
        int[] grown = smesWithCount.clone();
        grown[0] -= 140;
        grown[11] += 140;
        assertThat(baseline.psi("active_machines", counts(grown))).isGreaterThan(0.25);
    }

    @Test
    void zerosOfAMostlyZeroAmountAreABinAndTheRestIsStillBinnedInTenths() {
        // 72 % zeros (no overdue amount), the rest a continuous tail: the zeros used to share a bin with 8 % of the tail.
        Random random = new Random(7);
        double[] training = mostlyZeros(random, 10_000, 0.72);
        PopulationBaseline baseline = baselineOf("overdue_amount", training);
        double[] edges = baseline.binEdges().get("overdue_amount");
        double[] shares = baseline.expectedShares().get("overdue_amount");
        assertThat(PopulationBaseline.bin(edges, 0.0)).isZero();
        double smallestAmount = Arrays.stream(training).filter(v -> v > 0).min().orElseThrow();
        assertThat(edges[0]).as("first edge, halfway to the smallest amount").isCloseTo(smallestAmount / 2, within(1e-4));
        assertThat(shares[0]).as("the zeros' bin holds exactly the zeros").isCloseTo(zeroShare(training), within(1e-12));
        assertThat(shares).as("zeros, three tenths of tail, missing").hasSize(1 + 3 + 1);
        for (int i = 1; i <= 3; i++) {
            assertThat(shares[i]).as("tail bin %d", i).isCloseTo(0.093, within(0.02));
        }

        assertThat(baseline.psi("overdue_amount", mostlyZeros(random, 2000, 0.72))).isLessThan(0.02);
        assertThat(baseline.psi("overdue_amount", mostlyZeros(random, 2000, 0.40)))
                .as("overdue amounts spreading from 28 % to 60 % of SMEs").isGreaterThan(0.25);
        // The tail holds 28 % of the rows, so it has three bins: a shift within it is seen, weighted by its share.
        double[] largerTail = Arrays.stream(mostlyZeros(random, 2000, 0.72)).map(v -> v * 10).toArray();
        assertThat(baseline.psi("overdue_amount", largerTail)).as("same zeros, ten times the amounts").isGreaterThan(0.25);
    }

    @Test
    void aPointMassAtTheTopOfAContinuousFeatureIsABinOfItsOwn() {
        // Utilisation capped at 1.0 for 7 % of rows: the cap used to share the top decile with 3 % of other values.
        double[] training = new double[1000];
        for (int i = 0; i < training.length; i++) {
            training[i] = i < 930 ? i / 1000.0 : 1.0;
        }
        double[] edges = PopulationBaseline.binEdges(training);
        double[] shares = PopulationBaseline.shares(edges, training);
        assertThat(edges[edges.length - 1]).as("between the highest uncapped value and the cap").isCloseTo(0.9645, within(1e-12));
        assertThat(shares[edges.length]).as("the cap's bin").isCloseTo(0.07, within(1e-12));
        // Nine bins of 100 rows leave 30 below the cap; a sliver of 3 % joins the bin before it.
        assertThat(shares[edges.length - 1]).as("the values just below the cap").isCloseTo(0.13, within(1e-12));
        assertThat(edges).hasSize(9);

        double[] moreCapped = new double[1000];
        for (int i = 0; i < moreCapped.length; i++) {
            moreCapped[i] = i < 700 ? i / 700.0 * 0.929 : 1.0;
        }
        assertThat(PopulationBaseline.psi(shares, PopulationBaseline.shares(edges, moreCapped)))
                .as("30 % at the cap instead of 7 %").isGreaterThan(0.25);
    }

    @Test
    void aLastBinWithASliverOfTheRowsJoinsTheBinBeforeIt() {
        // 33 values of 30 rows each and one of 10: bins fill to 4 values (120 rows), eight of them leave 40 rows (4 %).
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i / 30;
        }
        double[] edges = PopulationBaseline.binEdges(values);
        assertThat(edges).containsExactly(3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5);
        double[] shares = PopulationBaseline.shares(edges, values);
        assertThat(shares[7]).as("the last full bin and the 40 rows after it").isCloseTo(0.16, within(1e-12));
    }

    @Test
    void sliversBetweenPointMassesAndBelowTheFirstJoinANeighbourSoNoBinIsNoise() {
        // Like German credit's loan durations: masses at 6, 12, 24 and 36 months with a few rows of 4, 13-14 and
        // 16 months among them, and a spread of other durations. Slivers of 0.2-0.8 % used to be bins of their own.
        List<Double> rows = new java.util.ArrayList<>();
        java.util.function.BiConsumer<Double, Integer> add = (value, count) -> {
            for (int i = 0; i < count; i++) {
                rows.add(value);
            }
        };
        add.accept(4.0, 7);
        add.accept(6.0, 75);
        add.accept(12.0, 180);
        add.accept(13.0, 4);
        add.accept(14.0, 4);
        add.accept(16.0, 2);
        add.accept(24.0, 184);
        add.accept(36.0, 83);
        for (int month = 37; month < 37 + 23; month++) {
            add.accept((double) month, 20);
        }
        double[] values = rows.stream().mapToDouble(Double::doubleValue).toArray();
        double[] edges = PopulationBaseline.binEdges(values);
        double[] shares = PopulationBaseline.shares(edges, values);
        for (int bin = 0; bin <= edges.length; bin++) {
            assertThat(shares[bin]).as("bin %d of %s", bin, java.util.Arrays.toString(edges)).isGreaterThanOrEqualTo(0.05);
        }
        assertThat(PopulationBaseline.shares(edges, new double[]{4})).as("4 months is in 6 months' bin")
                .containsExactly(PopulationBaseline.shares(edges, new double[]{6}));
        assertThat(PopulationBaseline.shares(edges, new double[]{13})).as("13 months is in 12 months' bin")
                .containsExactly(PopulationBaseline.shares(edges, new double[]{12}));
    }

    @Test
    void aLiveDoubleEqualToAFloatTrainingValueLandsInThatValuesBin() {
        // Training stores floats (0.2f is 0.20000000298...), monitoring reads the doubles of the feature vectors.
        float[] ratios = new float[1000];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = (i % 5) / 5f;
        }
        PopulationBaseline baseline = PopulationBaseline.of(
                new Dataset(List.of("ratio"), ratios, new float[ratios.length], ratios.length), new double[ratios.length]);
        double[] live = java.util.stream.IntStream.range(0, 500).mapToDouble(i -> (i % 5) / 5.0).toArray();
        assertThat(baseline.psi("ratio", live)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void aBaselineStoredUnderTheDecileRuleKeepsItsBins() {
        // An artifact written before features with few values got one bin each: an indicator with no edge. It loads,
        // and monitoring bins by its stored edges exactly as before (one bin, so its PSI stays 0 until retrained).
        PopulationBaseline stored = new PopulationBaseline(Map.of("foreign_worker=A202", new double[0]),
                Map.of("foreign_worker=A202", new double[]{1.0, 0.0}));
        assertThat(stored.psi("foreign_worker=A202", indicator(400, 240))).isZero();
    }

    @Test
    void unknownKeysAreRefused() {
        PopulationBaseline baseline = new PopulationBaseline(java.util.Map.of("x", new double[]{1}),
                java.util.Map.of("x", new double[]{0.5, 0.5, 0}));
        assertThatThrownBy(() -> baseline.shares("y", new double[]{1})).hasMessageContaining("'y'");
    }

    private static PopulationBaseline baselineOf(String name, double[] column) {
        float[] values = new float[column.length];
        for (int i = 0; i < column.length; i++) {
            values[i] = (float) column[i];
        }
        return PopulationBaseline.of(new Dataset(List.of(name), values, new float[values.length], values.length),
                new double[values.length]);
    }

    private static double[] indicator(int rows, int ones) {
        double[] values = new double[rows];
        Arrays.fill(values, 0, ones, 1.0);
        return values;
    }

    private static double[] counts(int[] rowsWithCount) {
        return java.util.stream.IntStream.range(0, rowsWithCount.length)
                .flatMap(c -> java.util.stream.IntStream.generate(() -> c + 1).limit(rowsWithCount[c]))
                .asDoubleStream().toArray();
    }

    private static double[] mostlyZeros(Random random, int rows, double zeroShare) {
        return random.doubles(rows).map(u -> u < zeroShare ? 0.0 : 1 + 1000 * random.nextDouble() * random.nextDouble())
                .toArray();
    }

    private static double zeroShare(double[] values) {
        return Arrays.stream(values).filter(v -> v == 0).count() / (double) values.length;
    }
}
