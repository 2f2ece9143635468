package io.smecredit.ingestion.features.domain;

import io.smecredit.contracts.FeatureDictionary;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CohortCalculatorTest {

    @Test
    void coversExactlyTheDictionarysCohortFeatures() {
        assertThat(CohortCalculator.COHORT_BASES).containsExactly("utilisation_30d", "quality_rate_30d",
                "output_trend_30d", "output_volatility_30d", "energy_kwh_per_good_unit_30d", "downtime_hours_per_day_30d");
    }

    @Test
    void percentileCountsTiesHalf() {
        double[] peers = {0.2, 0.4, 0.4, 0.8};
        assertThat(CohortCalculator.percentile(0.2, peers)).isEqualTo(0.125);
        assertThat(CohortCalculator.percentile(0.4, peers)).isEqualTo(0.5);
        assertThat(CohortCalculator.percentile(0.8, peers)).isEqualTo(0.875);
    }

    @Test
    void zScoreAgainstThePopulationOfTheCohort() {
        // mean 0.5, population stddev 0.3
        assertThat(CohortCalculator.zScore(0.8, new double[]{0.2, 0.8})).isCloseTo(1.0, within(1e-12));
        assertThat(CohortCalculator.zScore(0.5, new double[]{0.5, 0.5})).isNull();
    }

    @Test
    void addsPercentileAndZOnlyForBasesTheSmeHas() {
        Map<String, Double> own = new HashMap<>(Map.of("utilisation_30d", 0.8, "output_units_per_day_30d", 10.0));
        // Five members with a utilisation, this SME included (mean 0.5, population variance 0.072); quality only for one.
        List<Map<String, Double>> cohort = List.of(Map.of("utilisation_30d", 0.8), Map.of("utilisation_30d", 0.2),
                Map.of("utilisation_30d", 0.2), Map.of("utilisation_30d", 0.8),
                Map.of("utilisation_30d", 0.5, "quality_rate_30d", 0.9));

        CohortCalculator.addCohortFeatures(own, cohort);

        assertThat(own).containsEntry("utilisation_30d_cohort_pct", 0.8);
        assertThat(own.get("utilisation_30d_cohort_z")).isCloseTo(0.3 / Math.sqrt(0.072), within(1e-12));
        assertThat(own).doesNotContainKeys("quality_rate_30d_cohort_pct", "quality_rate_30d_cohort_z");
    }

    @Test
    void comparesOnlyWithCohortsOfAtLeastTheMinimumSize() {
        assertThat(FeatureDictionary.MIN_COHORT_MEMBERS).isEqualTo(5);
        Map<String, Double> withFour = new HashMap<>(Map.of("utilisation_30d", 0.3));
        CohortCalculator.addCohortFeatures(withFour, cohortOf(0.3, 0.4, 0.5, 0.6));
        assertThat(withFour).containsOnlyKeys("utilisation_30d");

        Map<String, Double> withFive = new HashMap<>(Map.of("utilisation_30d", 0.3));
        CohortCalculator.addCohortFeatures(withFive, cohortOf(0.3, 0.4, 0.5, 0.6, 0.7));
        assertThat(withFive).containsEntry("utilisation_30d_cohort_pct", 0.1).containsKey("utilisation_30d_cohort_z");
    }

    @Test
    void aLoneMemberGetsNoComparison() {
        Map<String, Double> own = new HashMap<>(Map.of("utilisation_30d", 0.3));
        CohortCalculator.addCohortFeatures(own, List.of(Map.of("utilisation_30d", 0.3)));

        assertThat(own).containsOnlyKeys("utilisation_30d");
    }

    @Test
    void aCohortOfEqualsSitsInTheMiddleWithoutAZScore() {
        Map<String, Double> own = new HashMap<>(Map.of("utilisation_30d", 0.3));
        CohortCalculator.addCohortFeatures(own, cohortOf(0.3, 0.3, 0.3, 0.3, 0.3));

        assertThat(own).containsEntry("utilisation_30d_cohort_pct", 0.5).doesNotContainKey("utilisation_30d_cohort_z");
    }

    private static List<Map<String, Double>> cohortOf(double... utilisations) {
        return java.util.Arrays.stream(utilisations).mapToObj(u -> Map.of("utilisation_30d", u)).toList();
    }
}
