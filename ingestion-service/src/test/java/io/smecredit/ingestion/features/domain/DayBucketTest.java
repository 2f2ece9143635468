package io.smecredit.ingestion.features.domain;

import io.smecredit.contracts.MachineMetrics;
import io.smecredit.contracts.TelemetryEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DayBucketTest {

    private static final LocalDate DAY = LocalDate.parse("2025-03-10");

    @Test
    void keepsEachMachinesHoursWithDownTimeByTheTimestampsUtcHour() {
        DayBucket bucket = DayBucket.empty(DAY)
                .add(event("2025-03-10T00:00:00Z", "m-1", 10))
                .add(event("2025-03-10T10:59:59.999Z", "m-1", 1))
                .add(event("2025-03-10T10:00:05Z", "m-1", 5))
                .add(event("2025-03-10T23:30:00Z", "m-2", 600))
                .add(event("2025-03-10T12:00:00Z", "m-3", 0));

        assertThat(bucket.downtimeHours()).isEqualTo(Map.of("m-1", 1 | 1 << 10, "m-2", 1 << 23));
        assertThat(bucket.downtimeMachineHours()).isEqualTo(3);
        assertThat(bucket.events()).isEqualTo(5);
    }

    @Test
    void aRepeatedMachineHourChangesNothingButTheSums() {
        DayBucket once = DayBucket.empty(DAY).add(event("2025-03-10T10:00:00Z", "m-1", 5));
        DayBucket again = once.add(event("2025-03-10T10:00:05Z", "m-1", 5));

        assertThat(again.downtimeHours()).isSameAs(once.downtimeHours());
        assertThat(again.downtimeMachineHours()).isEqualTo(1);
        assertThat(again.downSeconds()).isEqualTo(10);
    }

    @Test
    void refusesHoursOutsideTheDay() {
        assertThatThrownBy(() -> new DayBucket(DAY, 0, 0, 0, 0, 0, 0, 0, Map.of("m-1", 1 << 24), 0, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DayBucket(DAY, 0, 0, 0, 0, 0, 0, 0, Map.of("m-1", 0), 0, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void estimatesMachineHoursOfBucketsThatOnlyCountedEvents() {
        // Hourly gateway, 3 machines all day: 72 events, 10 of them with down time = 10 machine-hours exactly.
        assertThat(DayBucket.estimateMachineHours(72, 10, 72 * 3600, 3000)).isEqualTo(10);
        // 5-second gateway, one machine all day, down 10:00–10:30: 360 events of 5 s = 0.5 h, at least 1.
        assertThat(DayBucket.estimateMachineHours(17_280, 360, 86_400, 1800)).isEqualTo(1);
        // … down 08:00–13:00: 3600 events of 5 s = 5 h, and 18,000 down seconds need at least 5 machine-hours.
        assertThat(DayBucket.estimateMachineHours(17_280, 3600, 86_400, 18_000)).isEqualTo(5);
        // … one 5-second stop in each of 10 hours: truly 10; the estimate falls to its lower bound, 1.
        assertThat(DayBucket.estimateMachineHours(17_280, 10, 86_400, 50)).isEqualTo(1);
        // Never more than the events with down time, and nothing without them.
        assertThat(DayBucket.estimateMachineHours(2, 2, 7200, 7200)).isEqualTo(2);
        assertThat(DayBucket.estimateMachineHours(72, 0, 72 * 3600, 0)).isZero();
    }

    @Test
    void anOldBucketKeepsItsEstimateAndAddsNewHours() {
        DayBucket old = DayBucket.fromEventCounts(DAY, 6600, 0, 600, 10, 0, 1, 2, 2, Set.of("m-1"));
        assertThat(old.estimatedDowntimeMachineHours()).isEqualTo(2);

        DayBucket updated = old.add(event("2025-03-10T15:00:00Z", "m-2", 60));

        assertThat(updated.downtimeMachineHours()).isEqualTo(3);
    }

    private static TelemetryEvent event(String timestamp, String machine, double down) {
        return new TelemetryEvent("e-" + timestamp + machine, "sme-1", machine, Instant.parse(timestamp),
                new MachineMetrics(3600 - down, 0, down, 1, 0, 0.1));
    }
}
