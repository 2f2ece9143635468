package io.smecredit.ingestion.features.domain;

import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.contracts.MachineMetrics;
import io.smecredit.contracts.TelemetryEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The feature maths on a small fixed history, fed out of order, checked against values worked out by hand:
 * <pre>
 * day         machine  run   idle  down  produced rejected kWh
 * 2025-01-20  m-3      3600     0     0       200        0  40   (inside 90 days, outside 30)
 * 2025-03-05  m-1         0  3600     0         0        0   1   (data, but no output)
 * 2025-03-09  m-2      3000     0   600        50        6  18
 * 2025-03-10  m-1      1800  1200   600       100        4  12   (asOf day)
 * </pre>
 */
class FeatureCalculatorTest {

    private static final LocalDate AS_OF_DAY = LocalDate.parse("2025-03-10");
    private static final List<TelemetryEvent> EVENTS = List.of(
            event("2025-03-10T10:00:00Z", "m-1", 1800, 1200, 600, 100, 4, 12),
            event("2025-01-20T08:00:00Z", "m-3", 3600, 0, 0, 200, 0, 40),
            event("2025-03-09T10:00:00Z", "m-2", 3000, 0, 600, 50, 6, 18),
            event("2025-03-05T10:00:00Z", "m-1", 0, 3600, 0, 0, 0, 1));

    private final Map<String, Double> features = compute(EVENTS);

    @Test
    void ratiosOverEachWindow() {
        assertFeature("utilisation_1d", 1800.0 / 3600);
        assertFeature("availability_1d", 3000.0 / 3600);
        assertFeature("quality_rate_1d", 1 - 4.0 / 100);
        assertFeature("utilisation_7d", 4800.0 / 10800);
        assertFeature("availability_7d", 9600.0 / 10800);
        assertFeature("quality_rate_7d", 1 - 10.0 / 150);
        assertFeature("utilisation_30d", 4800.0 / 10800);
        assertFeature("utilisation_90d", 8400.0 / 14400);
        assertFeature("quality_rate_90d", 1 - 10.0 / 350);
        assertFeature("energy_kwh_per_good_unit_7d", 31.0 / 140);
        assertFeature("energy_kwh_per_good_unit_90d", 71.0 / 340);
        assertFeature("energy_intensity_drift", (31.0 / 140) / (71.0 / 340) - 1);
    }

    @Test
    void outputLevelTrendAndVolatilityOverDaysWithData() {
        // 7 days: (day 1, 0), (day 5, 50), (day 6, 100): mean 50, slope 250 / 14.
        assertFeature("output_units_per_day_7d", 50);
        assertFeature("output_trend_7d", 250.0 / 14 / 50);
        assertFeature("output_volatility_7d", Math.sqrt(5000.0 / 3) / 50);
        // 30 days: the same three days, so the same shape.
        assertFeature("output_trend_30d", 250.0 / 14 / 50);
        // 90 days: (40, 200), (84, 0), (88, 50), (89, 100): mean 87.5, x mean 75.25.
        assertFeature("output_units_per_day_90d", 87.5);
        assertFeature("output_trend_90d", -5037.5 / 1670.75 / 87.5);
        assertFeature("output_volatility_90d", Math.sqrt(21875.0 / 4) / 87.5);
    }

    @Test
    void downtimeMachinesCoverageAndGaps() {
        assertFeature("downtime_events_per_day_7d", 2.0 / 3);
        assertFeature("downtime_hours_per_day_7d", 1200.0 / 3600 / 3);
        assertFeature("downtime_hours_per_day_90d", 1200.0 / 3600 / 4);
        assertFeature("active_machines_7d", 2);
        assertFeature("active_machines_90d", 3);
        assertFeature("active_machines_change", -1);
        assertFeature("data_coverage_7d", 3.0 / 7);
        assertFeature("data_coverage_30d", 3.0 / 30);
        assertFeature("data_coverage_90d", 4.0 / 90);
        // 30 days from 02-09: no output until 03-09 (03-05 reported, but produced nothing) = 28 days.
        assertFeature("longest_gap_days_30d", 28);
        // 90 days, counted from the first day of telemetry (01-20): 01-21 … 03-08 = 47 days.
        assertFeature("longest_gap_days_90d", 47);
        assertFeature("days_since_output", 0);
    }

    @Test
    void producesEveryNonCohortFeatureOfTheDictionaryInItsOrder() {
        List<String> expected = FeatureDictionary.names().stream()
                .filter(name -> !name.contains("_cohort_")).toList();
        assertThat(features.keySet()).containsExactlyElementsOf(expected);
    }

    @Test
    void theOrderOfArrivalDoesNotMatter() {
        List<TelemetryEvent> reversed = new ArrayList<>(EVENTS);
        java.util.Collections.reverse(reversed);
        assertThat(compute(reversed)).isEqualTo(features);
    }

    @Test
    void leavesOutFeaturesWhoseDenominatorIsZero() {
        Map<String, Double> idleOnly = compute(List.of(event("2025-03-10T10:00:00Z", "m-1", 0, 3600, 0, 0, 0, 2)));

        assertThat(idleOnly).doesNotContainKeys("quality_rate_1d", "energy_kwh_per_good_unit_7d",
                "output_trend_7d", "output_volatility_7d", "energy_intensity_drift", "days_since_output");
        assertThat(idleOnly).containsEntry("utilisation_1d", 0.0).containsEntry("output_units_per_day_7d", 0.0)
                .containsEntry("active_machines_7d", 0.0);
        assertThat(idleOnly.values()).allMatch(Double::isFinite);
    }

    @Test
    void countsDaysSinceTheLastOutputEvenBeyondTheBuckets() {
        Map<String, Double> stopped = compute(List.of(
                event("2025-03-01T10:00:00Z", "m-1", 3600, 0, 0, 10, 0, 1),
                event("2025-03-10T10:00:00Z", "m-1", 0, 0, 3600, 0, 0, 0)));

        assertThat(stopped).containsEntry("days_since_output", 9.0).containsEntry("longest_gap_days_30d", 9.0);
    }

    private void assertFeature(String name, double expected) {
        assertThat(features).containsKey(name);
        assertThat(features.get(name)).as(name).isCloseTo(expected, within(1e-9));
    }

    private static Map<String, Double> compute(List<TelemetryEvent> events) {
        Map<LocalDate, DayBucket> buckets = new TreeMap<>();
        SmeHistory history = SmeHistory.empty();
        for (TelemetryEvent event : events) {
            LocalDate day = DayBucket.dayOf(event);
            buckets.put(day, buckets.getOrDefault(day, DayBucket.empty(day)).add(event));
            history = history.add(event);
        }
        assertThat(FeatureCalculator.dayOf(history.latestEventAt())).isEqualTo(
                events.stream().map(DayBucket::dayOf).max(LocalDate::compareTo).orElseThrow());
        return new LinkedHashMap<>(FeatureCalculator.features(FeatureCalculator.dayOf(history.latestEventAt()),
                buckets.values(), history));
    }

    static TelemetryEvent event(String timestamp, String machine, double run, double idle, double down, long produced,
                                long rejected, double energy) {
        return new TelemetryEvent("e-" + timestamp + machine, "sme-1", machine, Instant.parse(timestamp),
                new MachineMetrics(run, idle, down, produced, rejected, energy));
    }
}
