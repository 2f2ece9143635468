package io.smecredit.simulator;

import io.smecredit.contracts.FeatureDefinition;
import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.contracts.TelemetryEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DemoFactoryTest {

    private static final Instant END = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    @Test
    void everyMachineOfEverySmeReportsOneValidEventPerInterval() {
        List<TelemetryEvent> events = new DemoFactory(SmeProfile.demo(5, 3), 7).interval(END, FIVE_SECONDS);

        assertThat(events).hasSize(15);
        assertThat(events).extracting(TelemetryEvent::smeId).containsOnly("sme-001", "sme-002", "sme-003", "sme-004", "sme-005");
        assertThat(events).extracting(TelemetryEvent::eventId).doesNotHaveDuplicates();
        assertThat(events).allSatisfy(event -> {
            var m = event.metrics();
            assertThat(m.runSeconds() + m.idleSeconds() + m.downSeconds()).isLessThanOrEqualTo(5.0 + 1e-9);
            assertThat(m.runSeconds()).isNotNegative();
            assertThat(m.idleSeconds()).isNotNegative();
            assertThat(m.downSeconds()).isNotNegative();
            assertThat(m.unitsRejected()).isBetween(0L, m.unitsProduced());
            assertThat(m.energyKwh()).isNotNegative();
        });
    }

    @Test
    void dailyOutputAndEnergyPerGoodUnitSitInsideTheDictionarysTypicalRangesWhateverTheCadence() {
        List<SmeProfile> demo = SmeProfile.demo(5, 3);
        FeatureDefinition output = FeatureDictionary.all().stream()
                .filter(f -> f.name().equals("output_units_per_day_30d")).findFirst().orElseThrow();
        FeatureDefinition energy = FeatureDictionary.all().stream()
                .filter(f -> f.name().equals("energy_kwh_per_good_unit_30d")).findFirst().orElseThrow();
        for (SmeProfile sme : List.of(demo.get(0), demo.get(4))) {
            Instant dayEnd = END.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
            List<TelemetryEvent> day = new DemoFactory(List.of(sme), 3)
                    .hourlyHistory(dayEnd.minus(Duration.ofDays(1)), dayEnd).get(0);
            double units = day.stream().mapToLong(e -> e.metrics().unitsProduced()).sum();
            double good = units - day.stream().mapToLong(e -> e.metrics().unitsRejected()).sum();
            double kwh = day.stream().mapToDouble(e -> e.metrics().energyKwh()).sum();
            assertThat(units).as(sme.smeId() + " units a day").isBetween(output.typicalLow(), output.typicalHigh());
            assertThat(kwh / good).as(sme.smeId() + " kWh per good unit")
                    .isBetween(energy.typicalLow(), energy.typicalHigh());

            // An hour of five-second reports makes about what one hourly report does (a fraction of a unit per
            // interval must not be rounded away).
            DemoFactory live = new DemoFactory(List.of(sme), 4);
            long fromFiveSecondReports = 0;
            for (int i = 1; i <= 720; i++) {
                fromFiveSecondReports += live.interval(END.plusSeconds(5L * i), FIVE_SECONDS).stream()
                        .mapToLong(e -> e.metrics().unitsProduced()).sum();
            }
            double hourly = units / 24;
            assertThat((double) fromFiveSecondReports).as(sme.smeId() + " units in an hour of five-second reports")
                    .isBetween(0.8 * hourly, 1.2 * hourly);
        }
    }

    @Test
    void demoPeersAreNumberedAfterTheirDemoSmeWithSpreadHealthAndItsMachines() {
        SmeProfile demo = SmeProfile.demo(5, 3).get(1);

        List<SmeProfile> peers = demo.peers(4);

        assertThat(peers).extracting(SmeProfile::smeId).containsExactly("sme-9021", "sme-9022", "sme-9023", "sme-9024");
        assertThat(peers).allSatisfy(peer -> assertThat(peer.machineIds()).isEqualTo(demo.machineIds()));
        assertThat(peers).extracting(SmeProfile::health).doesNotHaveDuplicates().allSatisfy(h -> assertThat(h).isBetween(0.3, 0.9));
        assertThat(demo.peers(0)).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> demo.peers(10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seedsWholePastHoursDayByDayWithIdsThatRepeatForTheSameHour() {
        Instant now = Instant.parse("2026-11-25T10:17:00Z");
        List<List<TelemetryEvent>> days = new DemoFactory(SmeProfile.demo(2, 3), 5).hourlyHistory(now, 3);

        assertThat(days).hasSize(3).allSatisfy(day -> assertThat(day).hasSize(24 * 2 * 3));
        List<TelemetryEvent> all = days.stream().flatMap(List::stream).toList();
        assertThat(all).extracting(TelemetryEvent::timestamp)
                .isSorted()
                .allSatisfy(t -> assertThat(t).isBeforeOrEqualTo(Instant.parse("2026-11-25T10:00:00Z"))
                        .isAfter(Instant.parse("2026-11-22T10:00:00Z")));
        assertThat(all).extracting(TelemetryEvent::eventId).doesNotHaveDuplicates();
        assertThat(all).allSatisfy(event -> assertThat(event.metrics().runSeconds() + event.metrics().idleSeconds()
                + event.metrics().downSeconds()).isLessThanOrEqualTo(3600.0));
        // A second 'up' a few minutes later seeds the same hours under the same ids: duplicates, not new data.
        assertThat(new DemoFactory(SmeProfile.demo(2, 3), 99).hourlyHistory(now.plusSeconds(600), 3).get(0))
                .extracting(TelemetryEvent::eventId)
                .containsExactlyElementsOf(days.get(0).stream().map(TelemetryEvent::eventId).toList());
    }

    @Test
    void historyFromAnInstantCoversOnlyWholeHoursStartingAtOrAfterIt() {
        // The live feed covered time until 10:17: the hour 10:00-11:00 would count those minutes twice.
        List<List<TelemetryEvent>> days = new DemoFactory(SmeProfile.demo(1, 2), 5)
                .hourlyHistory(Instant.parse("2026-11-25T10:17:00Z"), Instant.parse("2026-11-27T13:40:00Z"));

        List<Instant> ends = days.stream().flatMap(List::stream).map(TelemetryEvent::timestamp).distinct().toList();
        assertThat(ends.get(0)).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
        assertThat(ends.get(ends.size() - 1)).isEqualTo(Instant.parse("2026-11-27T13:00:00Z"));
        assertThat(ends).hasSize(50);
        assertThat(days).extracting(List::size).containsExactly(48, 48, 4);
        // From a whole hour, that hour is the first one.
        assertThat(new DemoFactory(SmeProfile.demo(1, 2), 5)
                .hourlyHistory(Instant.parse("2026-11-25T10:00:00Z"), Instant.parse("2026-11-25T11:00:00Z")))
                .singleElement().satisfies(day -> assertThat(day).extracting(TelemetryEvent::timestamp)
                        .containsOnly(Instant.parse("2026-11-25T11:00:00Z")));
        // Nothing when the coverage already reaches the last whole hour.
        assertThat(new DemoFactory(SmeProfile.demo(1, 2), 5)
                .hourlyHistory(Instant.parse("2026-11-25T10:17:00Z"), Instant.parse("2026-11-25T10:59:00Z"))).isEmpty();
    }

    @Test
    void sameSeedReplaysTheSameTelemetry() {
        var first = new DemoFactory(SmeProfile.demo(3, 2), 11).interval(END, FIVE_SECONDS);
        var second = new DemoFactory(SmeProfile.demo(3, 2), 11).interval(END, FIVE_SECONDS);
        assertThat(first).isEqualTo(second);
    }

    @Test
    void healthierSmesRunTheirMachinesMoreOverTime() {
        DemoFactory factory = new DemoFactory(SmeProfile.demo(5, 3), 3);
        double healthiest = 0;
        double weakest = 0;
        for (int i = 0; i < 200; i++) {
            for (TelemetryEvent event : factory.interval(END.plusSeconds(5L * i), FIVE_SECONDS)) {
                if (event.smeId().equals("sme-001")) {
                    healthiest += event.metrics().runSeconds();
                } else if (event.smeId().equals("sme-005")) {
                    weakest += event.metrics().runSeconds();
                }
            }
        }
        assertThat(healthiest).isGreaterThan(weakest * 1.3);
    }

    @Test
    void breakdownsAreDecidedPerMachineHourSoFiveSecondAndHourlyReportsShowTheSameHours() {
        // The hour 10:00-11:00 of one day: five-second reports per machine stamped 10:00:05 … 10:59:55, and
        // hourly reports of 30 days from 10:00: the platform counts both by the clock hour of their timestamps.
        DemoFactory live = new DemoFactory(SmeProfile.demo(5, 3), 3);
        Set<String> liveDownHours = new HashSet<>();
        for (int i = 1; i < 720; i++) {
            live.interval(END.plusSeconds(5L * i), FIVE_SECONDS).stream().filter(e -> e.metrics().downSeconds() > 0)
                    .forEach(e -> liveDownHours.add(machineHour(e)));
        }
        Set<String> hourlyDownHours = new HashSet<>();
        DemoFactory hourly = new DemoFactory(SmeProfile.demo(5, 3), 3);
        for (int h = 0; h < 24 * 30; h++) {
            hourly.interval(END.plusSeconds(3600L * h), Duration.ofHours(1)).stream()
                    .filter(e -> e.metrics().downSeconds() > 0).forEach(e -> hourlyDownHours.add(machineHour(e)));
        }

        Set<String> hourTen = new HashSet<>(hourlyDownHours);
        hourTen.removeIf(machineHour -> !machineHour.endsWith("@" + END.getEpochSecond() / 3600));
        assertThat(liveDownHours).isNotEmpty().isEqualTo(hourTen);
        // Over 30 days of hours the weakest SME breaks down in far more machine-hours than the healthiest
        // (per machine-hour 0.125 vs 0.035: about 9 vs 2.5 a day for 3 machines).
        long healthiest = hourlyDownHours.stream().filter(h -> h.startsWith("sme-001/")).count();
        long weakest = hourlyDownHours.stream().filter(h -> h.startsWith("sme-005/")).count();
        assertThat(healthiest / 30.0).isBetween(1.0, 4.0);
        assertThat(weakest / 30.0).isBetween(8.0, 14.0);
    }

    private static String machineHour(TelemetryEvent event) {
        return event.smeId() + "/" + event.machineId() + "@" + event.timestamp().getEpochSecond() / 3600;
    }

    @Test
    void eachSmeOfAnIntervalCanBeProducedOnItsOwnWithTheSameEvents() {
        DemoFactory whole = new DemoFactory(SmeProfile.demo(3, 2), 11);
        DemoFactory bySme = new DemoFactory(SmeProfile.demo(3, 2), 11);
        List<TelemetryEvent> concatenated = new java.util.ArrayList<>();
        for (SmeProfile sme : bySme.smes()) {
            List<TelemetryEvent> own = bySme.interval(sme, END, FIVE_SECONDS);
            assertThat(own).hasSize(2).allSatisfy(event -> assertThat(event.smeId()).isEqualTo(sme.smeId()));
            concatenated.addAll(own);
        }
        assertThat(concatenated).isEqualTo(whole.interval(END, FIVE_SECONDS));
    }
}
