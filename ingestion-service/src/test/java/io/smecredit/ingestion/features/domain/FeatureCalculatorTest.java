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
 * The feature maths on a small fixed history, fed out of order, checked against values worked out by hand. The asOf
 * day 03-11 has only its first twenty minutes: it is the 1-day window; the 7-, 30- and 90-day windows are the complete
 * days before it (03-04 … 03-10, 02-09 … 03-10, 2024-12-11 … 03-10).
 * <pre>
 * day         machine  run   idle  down  produced rejected kWh
 * 2025-01-20  m-3      3600     0     0       200        0  40   (inside 90 days, outside 30)
 * 2025-03-05  m-1         0  3600     0         0        0   1   (data, but no output)
 * 2025-03-09  m-2      3000     0   600        50        6  18
 * 2025-03-10  m-1      1800  1200   600       100        4  12   (the last complete day)
 * 2025-03-11  m-1       900   300     0        40        2   5   (asOf day, 00:00-00:20)
 * </pre>
 */
class FeatureCalculatorTest {

    private static final List<TelemetryEvent> EVENTS = List.of(
            event("2025-03-10T10:00:00Z", "m-1", 1800, 1200, 600, 100, 4, 12),
            event("2025-01-20T08:00:00Z", "m-3", 3600, 0, 0, 200, 0, 40),
            event("2025-03-11T00:00:00Z", "m-1", 900, 300, 0, 40, 2, 5),
            event("2025-03-09T10:00:00Z", "m-2", 3000, 0, 600, 50, 6, 18),
            event("2025-03-05T10:00:00Z", "m-1", 0, 3600, 0, 0, 0, 1));

    private final Map<String, Double> features = compute(EVENTS);

    @Test
    void ratiosOverEachWindow() {
        // The 1-day window is the asOf day so far.
        assertFeature("utilisation_1d", 900.0 / 1200);
        assertFeature("availability_1d", 1.0);
        assertFeature("quality_rate_1d", 1 - 2.0 / 40);
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
        // 7 days from 03-04: (day 1, 0), (day 5, 50), (day 6, 100): mean 50, slope 250 / 14.
        assertFeature("output_units_per_day_7d", 50);
        assertFeature("output_trend_7d", 250.0 / 14 / 50);
        assertFeature("output_volatility_7d", Math.sqrt(5000.0 / 3) / 50);
        // 30 days: the same three days, so the same shape.
        assertFeature("output_trend_30d", 250.0 / 14 / 50);
        // 90 days from 2024-12-11: (40, 200), (84, 0), (88, 50), (89, 100): mean 87.5, x mean 75.25.
        assertFeature("output_units_per_day_90d", 87.5);
        assertFeature("output_trend_90d", -5037.5 / 1670.75 / 87.5);
        assertFeature("output_volatility_90d", Math.sqrt(21875.0 / 4) / 87.5);
    }

    @Test
    void downtimeMachinesCoverageAndGaps() {
        // Machine-hours with down time: m-2 at 10:00 on 03-09, m-1 at 10:00 on 03-10; 3 days with data.
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
        Map<String, Double> idleOnly = compute(List.of(event("2025-03-09T10:00:00Z", "m-1", 0, 3600, 0, 0, 0, 2),
                event("2025-03-10T10:00:00Z", "m-1", 0, 3600, 0, 0, 0, 2)));

        assertThat(idleOnly).doesNotContainKeys("quality_rate_1d", "energy_kwh_per_good_unit_7d",
                "output_trend_7d", "output_volatility_7d", "energy_intensity_drift", "days_since_output");
        assertThat(idleOnly).containsEntry("utilisation_1d", 0.0).containsEntry("output_units_per_day_7d", 0.0)
                .containsEntry("active_machines_7d", 0.0);
        assertThat(idleOnly.values()).allMatch(Double::isFinite);
    }

    @Test
    void onTheFirstDayOfTelemetryOnlyTheLiveDayHasData() {
        Map<String, Double> firstDay = compute(List.of(event("2025-03-10T10:00:00Z", "m-1", 3600, 0, 0, 10, 0, 1)));

        assertThat(firstDay).containsEntry("utilisation_1d", 1.0).containsEntry("days_since_output", 0.0)
                .containsEntry("data_coverage_7d", 0.0).containsEntry("active_machines_7d", 0.0)
                .as("no day before the first is a gap").containsEntry("longest_gap_days_30d", 0.0)
                .as("no complete day yet").doesNotContainKeys("utilisation_7d", "output_units_per_day_7d",
                        "downtime_hours_per_day_90d", "energy_kwh_per_good_unit_7d");
        assertThat(firstDay.values()).allMatch(Double::isFinite);
    }

    @Test
    void countsDaysSinceTheLastOutputEvenBeyondTheBuckets() {
        Map<String, Double> stopped = compute(List.of(
                event("2025-03-01T10:00:00Z", "m-1", 3600, 0, 0, 10, 0, 1),
                event("2025-03-10T10:00:00Z", "m-1", 0, 0, 3600, 0, 0, 0)));

        // Days since output is live (03-01 to 03-10); the gap window ends with 03-09: 03-02 … 03-09.
        assertThat(stopped).containsEntry("days_since_output", 9.0).containsEntry("longest_gap_days_30d", 8.0);
    }

    @Test
    void aVectorJustAfterMidnightReadsTheMultiDayFeaturesOfTheDayThatJustEnded() {
        // A steady factory: 440 units every hour, 10,560 a day, for 100 days up to 03-10. At 23:00 on 03-10 the day
        // is all but complete; five minutes after midnight 03-11 has its first report. Before schema 5 the 7-day
        // window of the second vector held six full days and five minutes, and read a collapse.
        List<TelemetryEvent> history = steadyHours(LocalDate.parse("2025-03-10").minusDays(99), 100 * 24);
        Map<String, Double> lateInTheDay = compute(history);
        List<TelemetryEvent> afterMidnight = new ArrayList<>(history);
        afterMidnight.add(event("2025-03-11T00:00:00Z", "m-1", 300, 0, 0, 37, 0, 3.7));
        Map<String, Double> justAfterMidnight = compute(afterMidnight);

        for (int days : new int[]{7, 30, 90}) {
            assertThat(justAfterMidnight.get("output_units_per_day_" + days + "d")).isCloseTo(10_560, within(1e-9));
            assertThat(justAfterMidnight.get("output_trend_" + days + "d")).isCloseTo(0, within(1e-12));
            assertThat(justAfterMidnight.get("output_volatility_" + days + "d")).isCloseTo(0, within(1e-12));
            assertThat(justAfterMidnight.get("data_coverage_" + days + "d")).isEqualTo(1.0);
        }
        assertThat(justAfterMidnight).containsEntry("longest_gap_days_30d", 0.0);
        assertThat(multiDay(justAfterMidnight)).isEqualTo(multiDay(lateInTheDay));
    }

    @Test
    void aPartialCurrentDayDoesNotChangeTheMultiDayFeatures() {
        // 95 days of uneven output (so trend and volatility are not trivially 0), then 03-11 with no report yet,
        // with one weak hour and with a full strong day so far: only the 1-day window and days since output move.
        List<TelemetryEvent> history = new ArrayList<>();
        LocalDate first = LocalDate.parse("2025-03-10").minusDays(94);
        for (int day = 0; day < 95; day++) {
            String date = first.plusDays(day).toString();
            history.add(event(date + "T08:00:00Z", "m-1", 3000, 300, 300, 1000 + 37L * (day % 5), 10, 50));
            if (day % 4 != 0) {
                history.add(event(date + "T09:00:00Z", "m-2", 3600, 0, 0, 500, 5, 20));
            }
        }
        Map<String, Double> endOfDay = compute(history);
        Map<String, Double> agedToMidnight = computeAsOf(LocalDate.parse("2025-03-11"), history);
        List<TelemetryEvent> weakHour = new ArrayList<>(history);
        weakHour.add(event("2025-03-11T00:00:00Z", "m-1", 600, 1800, 1200, 3, 1, 9));
        List<TelemetryEvent> strongDay = new ArrayList<>(history);
        for (int hour = 0; hour < 20; hour++) {
            strongDay.add(event("2025-03-11T%02d:00:00Z".formatted(hour), "m-3", 3600, 0, 0, 900, 0, 30));
        }

        assertThat(multiDay(agedToMidnight)).isEqualTo(multiDay(compute(weakHour)))
                .isEqualTo(multiDay(compute(strongDay)))
                .containsKeys("output_trend_7d", "output_volatility_30d", "downtime_events_per_day_90d");
        assertThat(agedToMidnight).as("no report yet today").doesNotContainKey("utilisation_1d");
        assertThat(compute(weakHour).get("utilisation_1d")).isCloseTo(600.0 / 3600, within(1e-9));
        assertThat(compute(strongDay)).containsEntry("utilisation_1d", 1.0).containsEntry("days_since_output", 0.0);
        assertThat(agedToMidnight).containsEntry("days_since_output", 1.0);
        assertThat(multiDay(endOfDay)).as("03-10's own vector reads 03-03 … 03-09, not yet 03-10")
                .isNotEqualTo(multiDay(agedToMidnight));
    }

    @Test
    void gapWindowsDoNotCountTheCurrentDayBeforeItsFirstOutput() {
        // Output every day up to 03-10; at 00:30 on 03-11 the machine has only warmed up (idle, nothing produced).
        List<TelemetryEvent> events = new ArrayList<>(steadyHours(LocalDate.parse("2025-03-10").minusDays(39), 40 * 24));
        events.add(event("2025-03-11T00:00:00Z", "m-1", 0, 1800, 0, 0, 0, 1));

        Map<String, Double> earlyMorning = compute(events);

        assertThat(earlyMorning).containsEntry("longest_gap_days_30d", 0.0).containsEntry("longest_gap_days_90d", 0.0)
                .containsEntry("data_coverage_30d", 1.0).containsEntry("utilisation_1d", 0.0)
                .containsEntry("days_since_output", 1.0);
    }

    @Test
    void aMachineHourReportedByManyFiveSecondEventsCountsOnce() {
        // m-1 is down 10:00–10:30: 360 of the hour's 720 five-second reports say so; it is one machine-hour.
        Map<String, Double> fiveSecond = computeDayAfter(fiveSecondReports("2025-03-10T10:00:00Z", 3600, "m-1", 0, 1800));

        assertThat(fiveSecond.get("downtime_events_per_day_7d")).isEqualTo(1.0);
        assertThat(fiveSecond.get("downtime_hours_per_day_7d")).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void twoMachinesDownInTheSameHourCountTwice() {
        Map<String, Double> twoMachines = computeDayAfter(List.of(
                event("2025-03-10T10:00:00Z", "m-1", 3000, 0, 600, 10, 0, 1),
                event("2025-03-10T10:30:00Z", "m-1", 1000, 0, 5, 10, 0, 1),
                event("2025-03-10T10:59:59Z", "m-2", 0, 0, 60, 0, 0, 0)));

        assertThat(twoMachines.get("downtime_events_per_day_7d")).isEqualTo(2.0);
    }

    @Test
    void hourlyAndFiveSecondReportingOfTheSameStoppagesGiveTheSameValue() {
        // Two days, each event stamped at the start of the interval it covers. Day 1: m-1 down 09:10–09:40 and
        // 13:00–15:30 (hours 9, 13, 14, 15), m-2 down 13:20–13:25 (hour 13) = 5 machine-hours. Day 2: m-1 down
        // 08:00–08:05 (hour 8) = 1. Mean over the 2 days with data: 3 machine-hours a day.
        List<Stoppage> stoppages = List.of(
                new Stoppage("m-1", "2025-03-09T09:10:00Z", "2025-03-09T09:40:00Z"),
                new Stoppage("m-1", "2025-03-09T13:00:00Z", "2025-03-09T15:30:00Z"),
                new Stoppage("m-2", "2025-03-09T13:20:00Z", "2025-03-09T13:25:00Z"),
                new Stoppage("m-1", "2025-03-10T08:00:00Z", "2025-03-10T08:05:00Z"));
        Instant from = Instant.parse("2025-03-09T00:00:00Z");
        Instant to = Instant.parse("2025-03-11T00:00:00Z");

        Map<String, Double> hourly = computeDayAfter(reports(stoppages, from, to, 3600));
        Map<String, Double> fiveSecond = computeDayAfter(reports(stoppages, from, to, 5));

        assertThat(hourly.get("downtime_events_per_day_7d")).isEqualTo(3.0);
        assertThat(fiveSecond.get("downtime_events_per_day_7d")).isEqualTo(3.0);
        assertThat(fiveSecond.get("downtime_hours_per_day_7d"))
                .isCloseTo(hourly.get("downtime_hours_per_day_7d"), within(1e-9));
    }

    @Test
    void eventsOfTheSameMachineHourCountOnceInAnyOrderAndWhenRepeated() {
        List<TelemetryEvent> events = new ArrayList<>(reports(List.of(
                new Stoppage("m-1", "2025-03-10T10:00:00Z", "2025-03-10T10:02:00Z"),
                new Stoppage("m-1", "2025-03-10T10:50:00Z", "2025-03-10T11:10:00Z"),
                new Stoppage("m-2", "2025-03-10T23:59:00Z", "2025-03-11T00:00:00Z")),
                Instant.parse("2025-03-10T00:00:00Z"), Instant.parse("2025-03-11T00:00:00Z"), 60));
        // m-1 hours 10 and 11, m-2 hour 23: 3 machine-hours on one day, whatever the order of arrival.
        assertThat(computeDayAfter(events).get("downtime_events_per_day_7d")).isEqualTo(3.0);

        java.util.Collections.shuffle(events, new java.util.Random(7));
        assertThat(computeDayAfter(events).get("downtime_events_per_day_7d")).isEqualTo(3.0);
        // The same events again (the engine drops repeated ids before the bucket; the hours would not change anyway).
        List<TelemetryEvent> twice = new ArrayList<>(events);
        twice.addAll(events);
        assertThat(computeDayAfter(twice).get("downtime_events_per_day_7d")).isEqualTo(3.0);
    }

    /** A machine down from {@code from} to {@code to}. */
    private record Stoppage(String machine, Instant from, Instant to) {
        Stoppage(String machine, String from, String to) {
            this(machine, Instant.parse(from), Instant.parse(to));
        }

        double downSecondsWithin(Instant start, Instant end) {
            Instant overlapStart = from.isAfter(start) ? from : start;
            Instant overlapEnd = to.isBefore(end) ? to : end;
            return Math.max(0, java.time.Duration.between(overlapStart, overlapEnd).toMillis() / 1000.0);
        }
    }

    /**
     * What the gateways of machines m-1 and m-2 report every {@code intervalSeconds} from {@code from} to {@code to}:
     * each event stamped at the start of its interval, its down seconds those of the stoppages within it, the rest
     * run time.
     */
    private static List<TelemetryEvent> reports(List<Stoppage> stoppages, Instant from, Instant to, int intervalSeconds) {
        List<TelemetryEvent> events = new ArrayList<>();
        for (String machine : List.of("m-1", "m-2")) {
            for (Instant start = from; start.isBefore(to); start = start.plusSeconds(intervalSeconds)) {
                Instant intervalStart = start;
                Instant end = start.plusSeconds(intervalSeconds);
                double down = stoppages.stream().filter(s -> s.machine().equals(machine))
                        .mapToDouble(s -> s.downSecondsWithin(intervalStart, end)).sum();
                events.add(event(intervalStart.toString(), machine, intervalSeconds - down, 0, down, 1, 0, 0.1));
            }
        }
        return events;
    }

    /** One machine's 5-second reports for {@code seconds} from {@code start}, down between the two offsets. */
    private static List<TelemetryEvent> fiveSecondReports(String start, int seconds, String machine, int downFrom,
                                                          int downTo) {
        Instant first = Instant.parse(start);
        List<TelemetryEvent> events = new ArrayList<>();
        for (int offset = 0; offset < seconds; offset += 5) {
            boolean down = offset >= downFrom && offset < downTo;
            events.add(event(first.plusSeconds(offset).toString(), machine, down ? 0 : 5, 0, down ? 5 : 0,
                    down ? 0 : 2, 0, 0.01));
        }
        return events;
    }

    private void assertFeature(String name, double expected) {
        assertThat(features).containsKey(name);
        assertThat(features.get(name)).as(name).isCloseTo(expected, within(1e-9));
    }

    /** The features as of the newest event. */
    private static Map<String, Double> compute(List<TelemetryEvent> events) {
        LocalDate newestDay = events.stream().map(DayBucket::dayOf).max(LocalDate::compareTo).orElseThrow();
        return computeAsOf(newestDay, events);
    }

    /** The features as of the start of the day after the newest event's, when that day is complete. */
    private static Map<String, Double> computeDayAfter(List<TelemetryEvent> events) {
        LocalDate newestDay = events.stream().map(DayBucket::dayOf).max(LocalDate::compareTo).orElseThrow();
        return computeAsOf(newestDay.plusDays(1), events);
    }

    private static Map<String, Double> computeAsOf(LocalDate asOfDay, List<TelemetryEvent> events) {
        Map<LocalDate, DayBucket> buckets = new TreeMap<>();
        SmeHistory history = SmeHistory.empty();
        for (TelemetryEvent event : events) {
            LocalDate day = DayBucket.dayOf(event);
            buckets.put(day, buckets.getOrDefault(day, DayBucket.empty(day)).add(event));
            history = history.add(event);
        }
        return new LinkedHashMap<>(FeatureCalculator.features(asOfDay, buckets.values(), history));
    }

    /** The features of the 7-, 30- and 90-day windows and those derived from them. */
    private static Map<String, Double> multiDay(Map<String, Double> features) {
        Map<String, Double> multiDay = new TreeMap<>(features);
        multiDay.keySet().removeIf(name -> name.endsWith("_1d") || name.equals("days_since_output"));
        return multiDay;
    }

    /** Machine m-1 producing 440 units in every hour of {@code hours} hours from the start of {@code firstDay}. */
    private static List<TelemetryEvent> steadyHours(LocalDate firstDay, int hours) {
        Instant start = firstDay.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        List<TelemetryEvent> events = new ArrayList<>();
        for (int hour = 0; hour < hours; hour++) {
            events.add(event(start.plusSeconds(3600L * hour).toString(), "m-1", 3300, 200, 100, 440, 4, 22));
        }
        return events;
    }

    static TelemetryEvent event(String timestamp, String machine, double run, double idle, double down, long produced,
                                long rejected, double energy) {
        return new TelemetryEvent("e-" + timestamp + machine, "sme-1", machine, Instant.parse(timestamp),
                new MachineMetrics(run, idle, down, produced, rejected, energy));
    }
}
