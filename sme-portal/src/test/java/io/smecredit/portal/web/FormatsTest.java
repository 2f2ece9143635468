package io.smecredit.portal.web;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void timesAreShownInUtcAndSaySo() {
        assertThat(Formats.day(Instant.parse("2027-03-01T23:30:00Z"))).isEqualTo("1 Mar 2027");
        assertThat(Formats.moment(Instant.parse("2027-03-01T09:05:00Z"))).isEqualTo("1 Mar 2027, 09:05 UTC");
        assertThat(Formats.day(null)).isEqualTo("—");
    }

    @Test
    void distancesUseTheCoarsestHonestUnit() {
        assertThat(Formats.relative(NOW.plusSeconds(30), NOW)).isEqualTo("in 1 minute");
        assertThat(Formats.relative(NOW.plusSeconds(3 * 3600 + 10), NOW)).isEqualTo("in 3 hours");
        assertThat(Formats.relative(NOW.plusSeconds(86_400), NOW)).isEqualTo("in 1 day");
        assertThat(Formats.relative(Instant.parse("2027-02-25T12:00:00Z"), NOW)).isEqualTo("in 3 months");
        assertThat(Formats.relative(NOW.minusSeconds(2L * 86_400), NOW)).isEqualTo("2 days ago");
        assertThat(Formats.relative(null, NOW)).isEmpty();
    }

    @Test
    void monthsAreWholeCalendarMonthsNeverRoundedUp() {
        // 150 days from 25 November 2026 is 24 April 2027: four whole months (30-day months said five).
        assertThat(Formats.relative(NOW.plus(150, ChronoUnit.DAYS), NOW)).isEqualTo("in 4 months");
        // 179 days is 23 May: five whole months and 28 days; six only from 25 May.
        assertThat(Formats.relative(NOW.plus(179, ChronoUnit.DAYS), NOW)).isEqualTo("in 5 months");
        assertThat(Formats.relative(Instant.parse("2027-05-25T12:00:00Z"), NOW)).isEqualTo("in 6 months");
        // 360 days is 20 November 2027: not yet a year (30-day months said twelve).
        assertThat(Formats.relative(NOW.plus(360, ChronoUnit.DAYS), NOW)).isEqualTo("in 11 months");
        assertThat(Formats.relative(NOW.minus(150, ChronoUnit.DAYS), NOW)).isEqualTo("4 months ago");
        // Under two calendar months, days.
        assertThat(Formats.relative(NOW.plus(59, ChronoUnit.DAYS), NOW)).isEqualTo("in 59 days");
    }

    @Test
    void aRunsFirstTimeIsWorthShowingOnlyWhenItReadsDifferentlyFromItsLatest() {
        Instant at = Instant.parse("2026-12-06T08:00:50Z");
        assertThat(Formats.differentMoments(Instant.parse("2026-12-06T08:00:05Z"), at)).isFalse();
        assertThat(Formats.differentMoments(Instant.parse("2026-12-06T07:59:59Z"), at)).isTrue();
    }

    @Test
    void countsAreGroupedByThousands() {
        assertThat(Formats.count(7)).isEqualTo("7");
        assertThat(Formats.count(1200)).isEqualTo("1,200");
    }
}
