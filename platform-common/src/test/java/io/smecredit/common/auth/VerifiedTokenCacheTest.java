package io.smecredit.common.auth;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final long IN_FIVE_MINUTES = NOW.plusSeconds(300).getEpochSecond();

    private final MutableClock clock = new MutableClock(NOW);
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final SecurityIdentity bankA = identity("bank-a");

    private VerifiedTokenCache cache(boolean enabled, int maxEntries) {
        return new VerifiedTokenCache(clock, metrics, enabled, Duration.ofSeconds(60), maxEntries);
    }

    @Test
    void answersOnlyForTheVeryTokenThatWasVerified() {
        VerifiedTokenCache cache = cache(true, 10);
        cache.remember("header.payload.signature", bankA, IN_FIVE_MINUTES);

        assertThat(cache.find("header.payload.signature")).isSameAs(bankA);
        assertThat(cache.find("header.payload.signaturf")).isNull();
        assertThat(cache.find("header.payload.")).isNull();
        assertThat(metrics.counter("auth.token.cache.hits").count()).isEqualTo(1);
        assertThat(metrics.counter("auth.token.cache.misses").count()).isEqualTo(2);
    }

    @Test
    void neverAnswersOnceTheTokenHasExpired() {
        VerifiedTokenCache cache = cache(true, 10);
        long expiresIn30Seconds = NOW.plusSeconds(30).getEpochSecond();
        cache.remember("t", bankA, expiresIn30Seconds);

        clock.advance(Duration.ofMillis(29_999));
        assertThat(cache.find("t")).isSameAs(bankA);
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.find("t")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void verifiesALongLivedTokenAgainAfterTheMaxAge() {
        VerifiedTokenCache cache = cache(true, 10);
        cache.remember("t", bankA, IN_FIVE_MINUTES);

        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.find("t")).isSameAs(bankA);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.find("t")).isNull();
    }

    @Test
    void doesNotKeepATokenThatHasAlreadyExpired() {
        VerifiedTokenCache cache = cache(true, 10);
        cache.remember("t", bankA, NOW.getEpochSecond());

        assertThat(cache.find("t")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void aFullCacheDropsExpiredEntriesThenTakesNoMore() {
        VerifiedTokenCache cache = cache(true, 2);
        cache.remember("short", bankA, NOW.plusSeconds(10).getEpochSecond());
        cache.remember("long", bankA, IN_FIVE_MINUTES);

        cache.remember("refused", bankA, IN_FIVE_MINUTES);
        assertThat(cache.find("refused")).as("full of live entries").isNull();

        clock.advance(Duration.ofSeconds(10));
        cache.remember("taken", bankA, IN_FIVE_MINUTES);
        assertThat(cache.find("taken")).as("the expired entry made room").isSameAs(bankA);
        assertThat(cache.find("long")).isSameAs(bankA);
    }

    @Test
    void keepsNothingWhenDisabled() {
        VerifiedTokenCache cache = cache(false, 10);
        cache.remember("t", bankA, IN_FIVE_MINUTES);

        assertThat(cache.find("t")).isNull();
        assertThat(cache.size()).isZero();
    }

    private static SecurityIdentity identity(String name) {
        return QuarkusSecurityIdentity.builder().setPrincipal(() -> name).addRole("bank").build();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
