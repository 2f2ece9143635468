package io.smecredit.scoring.score.domain;

import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.contracts.ScoreReason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrincipalReasonsTest {

    private static final List<String> FEATURES = List.of(
            "output_volatility_30d", "utilisation_7d", "quality_rate_30d", "days_since_output", "data_coverage_30d",
            "availability_1d");

    @Test
    void onlyFeaturesThatRaisedTheRiskAreReasonsStrongestFirstAtMostFour() {
        double[] row = {0.9, 0.3, 0.97, 12, 0.5, 0.8};
        double[] contributions = {0.41, -0.30, 0.05, 0.62, 0.12, 0.07, -2.9};

        List<ScoreReason> reasons = PrincipalReasons.of(FEATURES, row, contributions);

        assertThat(reasons).extracting(ScoreReason::feature).containsExactly(
                "days_since_output", "output_volatility_30d", "data_coverage_30d", "availability_1d");
        assertThat(reasons).extracting(ScoreReason::contribution).containsExactly(0.62, 0.41, 0.12, 0.07);
        assertThat(reasons.get(1).value()).isEqualTo(0.9);
    }

    @Test
    void oneMeasureOverSeveralWindowsIsOneReasonSoTheNextDistinctReasonTakesTheFreedPlace() {
        List<String> features = List.of("active_machines_7d", "active_machines_90d", "active_machines_change",
                "utilisation_30d", "utilisation_30d_cohort_pct", "utilisation_30d_cohort_z", "quality_rate_7d");
        double[] row = {3, 3, -1, 0.4, 0.1, -1.8, 0.93};
        double[] contributions = {0.06, 0.08, 0.05, 0.04, 0.03, 0.035, 0.02, -4};

        List<ScoreReason> reasons = PrincipalReasons.of(features, row, contributions);

        // The 90-day window raised the risk more, so it speaks for both; the change in machines, the SME's own
        // utilisation and its comparison with peers (percentile and z-score: one comparison) are each a reason.
        assertThat(reasons).extracting(ScoreReason::feature).containsExactly(
                "active_machines_90d", "active_machines_change", "utilisation_30d", "utilisation_30d_cohort_z");
        assertThat(reasons).extracting(ScoreReason::contribution).containsExactly(0.08, 0.05, 0.04, 0.035);
    }

    @Test
    void aFeatureOutsideTheDictionaryIsAReasonGroupOfItsOwn() {
        assertThat(FeatureDictionary.reasonGroup("debt_ratio_7d")).isEqualTo("debt_ratio_7d");
        assertThat(FeatureDictionary.reasonGroup("active_machines_30d")).isEqualTo("active_machines");
        assertThat(FeatureDictionary.reasonGroup("energy_kwh_per_good_unit_30d_cohort_pct"))
                .isEqualTo(FeatureDictionary.reasonGroup("energy_kwh_per_good_unit_30d_cohort_z"))
                .isNotEqualTo(FeatureDictionary.reasonGroup("energy_kwh_per_good_unit_30d"));
    }

    @Test
    void dictionaryFeaturesAreExplainedInTheDictionarysWordsInEnglishAndChinese() {
        ScoreReason reason = PrincipalReasons.of(List.of("output_volatility_30d"), new double[]{0.9},
                new double[]{0.4, -3}).get(0);

        var definition = FeatureDictionary.find("output_volatility_30d").orElseThrow();
        assertThat(reason.textEn()).isEqualTo(definition.reasonEn()).isEqualTo("Output has been volatile over the last 30 days");
        assertThat(reason.textZh()).isEqualTo(definition.reasonZh());
    }

    @Test
    void aZScoreAtThePeerAverageIsSaidToBeCloseToItNotFarFromIt() {
        // The demo's sme-001: a z-score of -0.077 was reported as "volatile ..., far from the norm of peers".
        ScoreReason reason = reason("output_volatility_30d_cohort_z", -0.077);

        assertThat(reason.textEn()).isEqualTo(
                "Output volatility over the last 30 days: close to the average of peers in the same industry and region");
        assertThat(reason.textZh()).isEqualTo("近30天产量波动程度：接近同行业同地区企业的平均水平");
        assertThat(reason.value()).isEqualTo(-0.077);
    }

    @Test
    void aZScoreSaysWhichSideOfThePeerAverageTheSmeIsOnAndHowFar() {
        assertThat(reason("output_volatility_30d_cohort_z", 2.4).textEn())
                .isEqualTo("Output volatility over the last 30 days: far above the average of peers in the same industry"
                        + " and region");
        assertThat(reason("output_volatility_30d_cohort_z", 0.9).textEn()).startsWith(
                "Output volatility over the last 30 days: above the average of peers");
        assertThat(reason("output_volatility_30d_cohort_z", -0.9).textEn()).startsWith(
                "Output volatility over the last 30 days: below the average of peers");
        assertThat(reason("utilisation_30d_cohort_z", -2.0).textEn()).isEqualTo(
                "Machine utilisation over the last 30 days: far below the average of peers in the same industry and region");
        assertThat(reason("utilisation_30d_cohort_z", -2.0).textZh()).isEqualTo("近30天设备利用率：明显低于同行业同地区企业的平均水平");
        assertThat(reason("utilisation_30d_cohort_z", 2.0).textZh()).isEqualTo("近30天设备利用率：明显高于同行业同地区企业的平均水平");
        assertThat(reason("utilisation_30d_cohort_z", 0.5).textZh()).isEqualTo("近30天设备利用率：高于同行业同地区企业的平均水平");
        assertThat(reason("utilisation_30d_cohort_z", -0.5).textZh()).isEqualTo("近30天设备利用率：低于同行业同地区企业的平均水平");
        assertThat(reason("utilisation_30d_cohort_z", 0.49).textZh()).isEqualTo("近30天设备利用率：接近同行业同地区企业的平均水平");
    }

    @Test
    void aZScoreOnTheSaferSideIsNotWordedAsTheRiskOfItsMeasure() {
        // The demo's sme-004: less volatile than its peers, yet told it was "volatile".
        ScoreReason lessVolatile = reason("output_volatility_30d_cohort_z", -0.408);
        ScoreReason busier = reason("utilisation_30d_cohort_z", 1.3);

        assertThat(lessVolatile.textEn()).contains("close to the average").doesNotContain("volatile", "far from");
        assertThat(busier.textEn()).contains("above the average").doesNotContain("low");
        assertThat(busier.textZh()).contains("高于").doesNotContain("偏低");
    }

    @Test
    void aPercentileSaysHowManyPeersTheSmeIsAboveOrBelowForEitherRiskDirection() {
        // Output volatility: higher is riskier.
        assertThat(reason("output_volatility_30d_cohort_pct", 0.72).textEn()).isEqualTo(
                "Output volatility over the last 30 days: higher than 72% of peers in the same industry and region");
        assertThat(reason("output_volatility_30d_cohort_pct", 0.72).textZh()).isEqualTo(
                "近30天产量波动程度：高于同行业同地区72%的企业");
        assertThat(reason("output_volatility_30d_cohort_pct", 0.1).textEn()).isEqualTo(
                "Output volatility over the last 30 days: lower than 90% of peers in the same industry and region");
        // Quality rate: lower is riskier.
        assertThat(reason("quality_rate_30d_cohort_pct", 0.15).textEn()).isEqualTo(
                "Quality rate (share of good units) over the last 30 days: lower than 85% of peers in the same industry"
                        + " and region");
        assertThat(reason("quality_rate_30d_cohort_pct", 0.15).textZh()).isEqualTo("近30天合格率：低于同行业同地区85%的企业");
        assertThat(reason("quality_rate_30d_cohort_pct", 0.9).textEn()).isEqualTo(
                "Quality rate (share of good units) over the last 30 days: higher than 90% of peers in the same industry"
                        + " and region");
        assertThat(reason("quality_rate_30d_cohort_pct", 0.9).textZh()).isEqualTo("近30天合格率：高于同行业同地区90%的企业");
    }

    @Test
    void aPercentileNeverClaimsMorePeersThanItHoldsAndAMiddlingOneSitsAtTheMedian() {
        assertThat(reason("downtime_hours_per_day_30d_cohort_pct", 0.29).textEn()).contains("lower than 71% of peers");
        assertThat(reason("downtime_hours_per_day_30d_cohort_pct", 0.719).textEn()).contains("higher than 71% of peers");
        assertThat(reason("downtime_hours_per_day_30d_cohort_pct", 0.504).textEn()).contains("higher than 50% of peers");
        ScoreReason allAlike = reason("downtime_hours_per_day_30d_cohort_pct", 0.5);
        assertThat(allAlike.textEn()).isEqualTo(
                "Machine downtime per day over the last 30 days: at the median of peers in the same industry and region");
        assertThat(allAlike.textZh()).isEqualTo("近30天日均设备停机时长：处于同行业同地区企业的中位水平");
    }

    @Test
    void aPercentileOutsideZeroToOneIsGivenAsItsValueNotAsAComparison() {
        // Only a hand-made vector sent to the scoring API can hold one; no share of peers would be true of it.
        assertThat(reason("utilisation_30d_cohort_pct", 1.3).textEn())
                .isEqualTo("The value 1.3 of utilisation_30d_cohort_pct raised the estimated risk of default");
    }

    @Test
    void everyPeerComparisonOfTheDictionaryIsWordedForItsValueInBothLanguages() {
        for (var feature : FeatureDictionary.all()) {
            boolean z = feature.name().endsWith(FeatureDictionary.COHORT_Z_SUFFIX);
            if (!z && !feature.name().endsWith(FeatureDictionary.COHORT_PERCENTILE_SUFFIX)) {
                continue;
            }
            String base = feature.name().replaceFirst("_cohort_(z|pct)$", "");
            var ownLevel = FeatureDictionary.find(base).orElseThrow();
            for (double value : z ? new double[]{-2.5, -1, 0, 1, 2.5} : new double[]{0.05, 0.5, 0.95}) {
                ScoreReason reason = reason(feature.name(), value);
                // The own-level reason says which way is bad ("is low"): beside a comparison it could contradict it.
                assertThat(reason.textEn()).as(feature.name() + " at " + value)
                        .endsWith("peers in the same industry and region").doesNotContain(ownLevel.reasonEn());
                assertThat(reason.textZh()).as(feature.name() + " at " + value)
                        .contains("同行业同地区").doesNotContain(ownLevel.reasonZh());
            }
        }
    }

    @Test
    void theSmesOwnMeasuresKeepTheirDictionaryTextsWhateverTheValue() {
        for (double value : new double[]{0.05, 0.95}) {
            ScoreReason reason = reason("utilisation_30d", value);
            assertThat(reason.textEn()).isEqualTo("Machine utilisation over the last 30 days is low");
            assertThat(reason.textZh()).isEqualTo("近30天设备利用率偏低");
        }
        assertThat(reason("days_since_output", 9).textEn()).isEqualTo("No production output for several days");
    }

    private static ScoreReason reason(String feature, double value) {
        return PrincipalReasons.of(List.of(feature), new double[]{value}, new double[]{0.3, -3}).get(0);
    }

    @Test
    void aMissingValueIsExplainedAsMissingNotAsLowOrHigh() {
        ScoreReason reason = PrincipalReasons.of(List.of("utilisation_7d"), new double[]{Double.NaN},
                new double[]{0.3, -3}).get(0);

        assertThat(reason.value()).isNull();
        assertThat(reason.textEn()).startsWith("No value for utilisation_7d (")
                .contains("too little data was reported in its window, or the figure is undefined there")
                .doesNotContain("is low");
        assertThat(reason.textZh()).contains("utilisation_7d").contains("无法计算").contains("缺失");
    }

    @Test
    void aMissingPeerComparisonIsExplainedAsSuchNotAsMissingFactoryData() {
        ScoreReason reason = PrincipalReasons.of(List.of("output_volatility_30d_cohort_z"), new double[]{Double.NaN},
                new double[]{0.3, -3}).get(0);

        assertThat(reason.value()).isNull();
        assertThat(reason.textEn())
                .startsWith("No comparison with peers for output_volatility_30d (")
                .contains("cohort has fewer than 5 SMEs with this value, or they do not differ")
                .doesNotContain("No value for");
        assertThat(reason.textZh()).contains("output_volatility_30d").contains("同组企业少于5家");
    }

    @Test
    void aMissingPeerPercentileIsExplainedAsAMissingComparisonToo() {
        ScoreReason reason = PrincipalReasons.of(List.of("utilisation_30d_cohort_pct"), new double[]{Double.NaN},
                new double[]{0.2, -3}).get(0);

        assertThat(reason.textEn()).startsWith("No comparison with peers for utilisation_30d (")
                .doesNotContain("No value for");
    }

    @Test
    void aFeatureOutsideTheDictionaryGetsASentenceNamingItAndItsValue() {
        ScoreReason reason = PrincipalReasons.of(List.of("debt_ratio"), new double[]{0.8734567},
                new double[]{0.2, -3}).get(0);

        assertThat(reason.textEn()).isEqualTo("The value 0.8735 of debt_ratio raised the estimated risk of default");
        assertThat(reason.textZh()).isEqualTo("debt_ratio的取值0.8735提高了违约风险估计");
    }

    @Test
    void aFeatureThatCouldNotMoveTheScoreByHalfAPointIsNoReason() {
        // 20 points double the odds: half a point is ln 2 / 40 = 0.0173 in log-odds.
        List<ScoreReason> reasons = PrincipalReasons.of(List.of("a", "b", "c"), new double[]{1, 2, 3},
                new double[]{0.0174, 0.0172, 0.0004, -3});

        assertThat(reasons).extracting(ScoreReason::feature).containsExactly("a");
    }

    @Test
    void aScoreWithoutRiskRaisingFeaturesHasNoReasons() {
        assertThat(PrincipalReasons.of(List.of("a", "b"), new double[]{1, 2}, new double[]{-0.1, 0.0, -3})).isEmpty();
    }

    @Test
    void contributionsMustMatchTheFeatures() {
        assertThatThrownBy(() -> PrincipalReasons.of(List.of("a", "b"), new double[]{1, 2}, new double[]{0.1, 0.2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
