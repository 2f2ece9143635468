package io.smecredit.loan.common;

import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class ClocksTest {

    private final Clock clock = new Clocks().clock();

    @Test
    void instantsHaveNoDigitsBelowTheMicrosecondThatPostgresqlWouldDrop() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(clock.instant().getNano() % 1_000).isZero();
        }
    }

    @Test
    void millisAreTheSystemsAndTheZoneIsUtc() {
        // Clock.tick with a sub-millisecond tick divided by zero here (the token cache reads millis()).
        long before = System.currentTimeMillis();
        assertThat(clock.millis()).isBetween(before, System.currentTimeMillis());
        assertThat(clock.getZone().getId()).isEqualTo("Z");
    }
}
