package io.smecredit.ingestion.features.domain;

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
        List<Map<String, Double>> cohort = List.of(Map.of("utilisation_30d", 0.8), Map.of("utilisation_30d", 0.2),
                Map.of("quality_rate_30d", 0.9));

        CohortCalculator.addCohortFeatures(own, cohort);

        assertThat(own).containsEntry("utilisation_30d_cohort_pct", 0.75);
        assertThat(own.get("utilisation_30d_cohort_z")).isCloseTo(1.0, within(1e-12));
        assertThat(own).doesNotContainKeys("quality_rate_30d_cohort_pct", "quality_rate_30d_cohort_z");
    }

    @Test
    void aLoneMemberSitsInTheMiddleWithoutAZScore() {
        Map<String, Double> own = new HashMap<>(Map.of("utilisation_30d", 0.3));
        CohortCalculator.addCohortFeatures(own, List.of(Map.of("utilisation_30d", 0.3)));

        assertThat(own).containsEntry("utilisation_30d_cohort_pct", 0.5).doesNotContainKey("utilisation_30d_cohort_z");
    }
}
