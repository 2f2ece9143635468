package io.smecredit.loan.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * One clock for expiry, audit and decision times, so rules never mix clocks. It reads the system clock in whole
 * microseconds, the precision PostgreSQL keeps: a record answered at its creation must read the same when fetched
 * later. ({@code Clock.tick} cannot do this: with a tick under a millisecond its {@code millis()} divides by zero.)
 */
@ApplicationScoped
public class Clocks {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return new MicrosecondClock();
    }

    static final class MicrosecondClock extends Clock {

        private final Clock system = Clock.systemUTC();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("The platform's clock is UTC");
        }

        @Override
        public Instant instant() {
            return system.instant().truncatedTo(ChronoUnit.MICROS);
        }

        @Override
        public long millis() {
            return system.millis();
        }
    }
}
