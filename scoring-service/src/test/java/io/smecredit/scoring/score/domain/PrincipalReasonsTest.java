package io.smecredit.scoring.score.domain;

import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.contracts.RiskDirection;
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
    void aValueOnTheRiskySideIsExplainedInTheDictionarysWordsWithTheValueInEnglishAndChinese() {
        ScoreReason reason = PrincipalReasons.of(List.of("output_volatility_30d"), new double[]{0.9},
                new double[]{0.4, -3}).get(0);

        var definition = FeatureDictionary.find("output_volatility_30d").orElseThrow();
        assertThat(reason.textEn()).startsWith(definition.reasonEn())
                .isEqualTo("Output has been volatile over the last 30 days (output volatility 90%)");
        assertThat(reason.textZh()).startsWith(definition.reasonZh()).isEqualTo("近30天产量波动较大（产量波动程度90%）");
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
    void aRisingOutputTrendIsNotSaidToBeFalling() {
        // The defect: "Production output has been falling over the last 7 days" beside output_trend_7d = +0.02.
        ScoreReason rising = reason("output_trend_7d", 0.02);
        assertThat(rising.textEn()).isEqualTo("Output trend over the last 7 days: +2% a day (the lower, the riskier)"
                + " — weighed by the model as raising the risk relative to typical SMEs");
        assertThat(rising.textZh()).isEqualTo("近7天产量变化趋势：每天+2%（数值越低风险越大），与一般中小企业相比，模型判定此项提高了风险");

        ScoreReason falling = reason("output_trend_7d", -0.123);
        assertThat(falling.textEn()).isEqualTo("Production output has been falling over the last 7 days (output trend -12% a day)");
        assertThat(falling.textZh()).isEqualTo("近7天产量呈下降趋势（产量变化趋势每天-12%）");
        // However slight the fall, it is shown as one, never rounded to a 0 that contradicts "falling".
        assertThat(reason("output_trend_7d", -0.00001).textEn()).contains("falling").contains("-0.001% a day");
        assertThat(reason("output_trend_30d", 0).textEn()).startsWith("Output trend over the last 30 days: 0% a day (");
    }

    @Test
    void signedChangesStateTheirDirectionOnlyWhenTheyHaveIt() {
        assertThat(reason("active_machines_change", 0).textEn()).isEqualTo(
                "Change in active machines (last 7 days against the last 90): 0 machines (the lower, the riskier)"
                        + " — weighed by the model as raising the risk relative to typical SMEs");
        assertThat(reason("active_machines_change", 0).textZh()).startsWith("在用设备数变化（近7天对比近90天）：0台（数值越低风险越大）")
                .doesNotContain("减少");
        assertThat(reason("active_machines_change", -1).textEn()).isEqualTo("Fewer machines are running than before (-1 machine)");
        assertThat(reason("active_machines_change", -1).textZh()).isEqualTo("在用设备数量减少（-1台）");

        assertThat(reason("energy_intensity_drift", -0.1).textEn()).startsWith(
                "Change in energy use per good unit (last 7 days against the last 90): -10% (the higher, the riskier)");
        assertThat(reason("energy_intensity_drift", 0).textZh()).startsWith("单位合格品能耗变化（近7天对比近90天）：0%（数值越高风险越大）")
                .doesNotContain("上升");
        assertThat(reason("energy_intensity_drift", 0.12).textEn())
                .isEqualTo("Energy use per good unit is rising (change in energy use per good unit +12%)");
        assertThat(reason("energy_intensity_drift", 0.12).textZh()).isEqualTo("单位合格品能耗正在上升（单位合格品能耗变化+12%）");
    }

    @Test
    void breakdownsDowntimeAndGapsAreNotClaimedAtZeroOrAFewHoursOrDays() {
        assertThat(reason("downtime_events_per_day_30d", 0).textEn()).isEqualTo(
                "Machine breakdowns over the last 30 days: 0 machine-hours with downtime a day (the higher, the riskier)"
                        + " — weighed by the model as raising the risk relative to typical SMEs");
        assertThat(reason("downtime_events_per_day_30d", 0).textZh()).startsWith("近30天设备故障：日均0个停机机时").doesNotContain("频繁");
        assertThat(reason("downtime_events_per_day_30d", 6.5).textEn())
                .isEqualTo("Frequent machine breakdowns over the last 30 days (6.5 machine-hours with downtime a day)");
        assertThat(reason("downtime_hours_per_day_7d", 0).textEn()).startsWith(
                "Machine downtime per day over the last 7 days: 0 hours a day (the higher, the riskier)");
        assertThat(reason("downtime_hours_per_day_7d", 5.25).textEn()).isEqualTo("Long machine downtime over the last 7 days (5.3 hours a day)");
        assertThat(reason("downtime_hours_per_day_7d", 5.25).textZh()).isEqualTo("近7天设备停机时间较长（日均5.3小时）");
        assertThat(reason("longest_gap_days_90d", 0).textZh()).isEqualTo(
                "近90天最长连续停产：0天（数值越高风险越大），与一般中小企业相比，模型判定此项提高了风险");
        assertThat(reason("longest_gap_days_90d", 14).textEn()).isEqualTo("Production stopped for a long stretch in the last 90 days (14 days)");
        for (double days : new double[]{0, 1}) {
            assertThat(reason("days_since_output", days).textEn()).as("days_since_output = " + days)
                    .startsWith("Time since the last day with output: " + (int) days + (days == 1 ? " day (" : " days ("))
                    .doesNotContain("several days");
        }
        assertThat(reason("days_since_output", 12).textEn()).isEqualTo("No production output for several days (12 days)");
        assertThat(reason("days_since_output", 12).textZh()).isEqualTo("已连续多日无产出（12天）");
    }

    @Test
    void levelsAreLowOrHighOnlyInTheRiskierThirdOfTheirTypicalRangeWithUnitsAReaderKnows() {
        ScoreReason midRange = reason("utilisation_30d", 0.55);
        assertThat(midRange.textEn()).isEqualTo("Machine utilisation over the last 30 days: 55% (the lower, the riskier)"
                + " — weighed by the model as raising the risk relative to typical SMEs");
        assertThat(midRange.textZh()).isEqualTo("近30天设备利用率：55%（数值越低风险越大），与一般中小企业相比，模型判定此项提高了风险");
        assertThat(reason("utilisation_30d", 0.15).textEn()).isEqualTo(
                "Machine utilisation over the last 30 days is low (machine utilisation 15%)");
        // The percentage beside a sentence about rejects is the quality rate, and says so.
        assertThat(reason("quality_rate_7d", 0.874).textEn()).isEqualTo(
                "High share of rejected output over the last 7 days (quality rate 87%)");
        assertThat(reason("quality_rate_7d", 0.874).textZh()).isEqualTo("近7天不良品率偏高（合格率87%）");
        assertThat(reason("availability_90d", 0.5).textEn()).isEqualTo(
                "Machines were unavailable (down) for much of the last 90 days (machine availability 50%)");
        // Output spans orders of magnitude among typical SMEs: 4,100 units a day is not "low", 120 is.
        assertThat(reason("output_units_per_day_30d", 4100).textEn()).startsWith(
                "Production output over the last 30 days: 4,100 units a day (the lower, the riskier)");
        assertThat(reason("output_units_per_day_30d", 4100).textZh()).startsWith("近30天产量：日均4,100件（数值越低风险越大）");
        assertThat(reason("output_units_per_day_30d", 120).textZh()).isEqualTo("近30天产量偏低（日均120件）");
        assertThat(reason("energy_kwh_per_good_unit_30d", 0.3).textEn()).startsWith(
                "Energy use per good unit over the last 30 days: 0.3 kWh per good unit (");
        assertThat(reason("energy_kwh_per_good_unit_30d", 2.345).textZh()).isEqualTo("近30天单位合格品能耗偏高（每件合格品2.3千瓦时）");
        assertThat(reason("active_machines_7d", 1).textEn()).isEqualTo("Few machines were active over the last 7 days (1 machine)");
        assertThat(reason("active_machines_90d", 12).textZh()).startsWith("近90天在用设备：12台（");
        assertThat(reason("data_coverage_7d", 2.0 / 7).textEn()).isEqualTo(
                "Telemetry was missing for much of the last 7 days (days with telemetry 29%)");
    }

    /**
     * The property the reasons must have: the dictionary's sentence, which states the risk, is never said of a value on
     * the non-risky side. Defined here independently of the wording's own thresholds: for a signed change (typical range
     * from below to above 0) the non-risky side is 0 and the side of 0 away from the risk; for a level it is the safer
     * half of the typical range, whether the range is read linearly or in ratios (of the values, or of 1 + value for a
     * range from 0), i.e. beyond both its arithmetic and its geometric middle, up to twice as far beyond its safer end.
     * And the sentence is said at the riskier end of the typical range and beyond it, where it is plainly true.
     */
    @Test
    void noOwnMeasureStatesItsRiskOfAValueOnTheNonRiskySide() {
        int checked = 0;
        for (var feature : FeatureDictionary.all()) {
            if (feature.name().contains("_cohort_")) {
                continue;
            }
            double low = feature.typicalLow();
            double high = feature.typicalHigh();
            double span = high - low;
            boolean higherIsRiskier = feature.riskierWhen() == RiskDirection.HIGHER_IS_RISKIER;
            double safeEnd = higherIsRiskier ? low : high;
            double riskyEnd = higherIsRiskier ? high : low;
            double safeFrom;
            if (low < 0 && high > 0) {
                safeFrom = 0;
            } else {
                double offset = low == 0 ? 1 : 0;
                double arithmetic = (low + high) / 2;
                double geometric = Math.sqrt((low + offset) * (high + offset)) - offset;
                safeFrom = higherIsRiskier ? Math.min(arithmetic, geometric) : Math.max(arithmetic, geometric);
            }
            for (int step = 0; step <= 20; step++) {
                // From the start of the safer side to as far beyond the safe end as the range is wide.
                double value = safeFrom + (safeEnd - safeFrom + (higherIsRiskier ? -span : span)) * step / 20;
                if (feature.unit().equals("share") && (value < 0 || value > 1)) {
                    continue;
                }
                ScoreReason reason = reason(feature.name(), value);
                assertThat(reason.textEn()).as(feature.name() + " = " + value)
                        .doesNotContain(feature.reasonEn()).contains("the " + (higherIsRiskier ? "higher" : "lower") + ", the riskier");
                assertThat(reason.textZh()).as(feature.name() + " = " + value)
                        .doesNotContain(feature.reasonZh()).contains("数值越" + (higherIsRiskier ? "高" : "低") + "风险越大");
                checked++;
            }
            for (double beyond : new double[]{0, 0.25, 1}) {
                double value = riskyEnd + (higherIsRiskier ? span : -span) * beyond;
                if (feature.unit().equals("share") && value < 0 || value < 0 && low >= 0) {
                    continue;
                }
                ScoreReason reason = reason(feature.name(), value);
                assertThat(reason.textEn()).as(feature.name() + " = " + value).startsWith(feature.reasonEn() + " (");
                assertThat(reason.textZh()).as(feature.name() + " = " + value).startsWith(feature.reasonZh() + "（");
            }
        }
        assertThat(checked).isGreaterThan(500);
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
    void anInfiniteValueIsGivenAsItsValueNotWorded() {
        // No feature engine computes one, but a hand-made vector may hold it; no level or direction is true of it.
        assertThat(reason("output_trend_7d", Double.NEGATIVE_INFINITY).textEn())
                .isEqualTo("The value -Infinity of output_trend_7d raised the estimated risk of default");
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
