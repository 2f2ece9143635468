package io.smecredit.portal.web;

import org.junit.jupiter.api.Test;

import java.time.Instant;

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
        assertThat(Formats.relative(NOW.plusSeconds(90L * 86_400), NOW)).isEqualTo("in 3 months");
        assertThat(Formats.relative(NOW.minusSeconds(2L * 86_400), NOW)).isEqualTo("2 days ago");
        assertThat(Formats.relative(null, NOW)).isEmpty();
    }
}
