package io.smecredit.loan.report.service;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RecentAnswersTest {

    private static final Duration REUSE_FOR = Duration.ofSeconds(5);

    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final RecentAnswers<String, String> answers = new RecentAnswers<>(2, REUSE_FOR, clock);

    @Test
    void anAnswerIsOfferedAgainOnlyWithinItsReuse() {
        answers.remember("bank-a/sme-001", "report 1");
        clock.step(REUSE_FOR);
        assertThat(answers.reusable("bank-a/sme-001")).isEqualTo("report 1");

        clock.step(Duration.ofMillis(1));
        assertThat(answers.reusable("bank-a/sme-001")).isNull();
        assertThat(answers.reusable("bank-b/sme-001")).isNull();
    }

    @Test
    void whenFullTheAnswersPastTheirReuseMakeRoomAndTheOnesInUseStay() {
        answers.remember("bank-a/sme-001", "old");
        clock.step(Duration.ofSeconds(4));
        answers.remember("bank-a/sme-002", "in use");
        clock.step(Duration.ofSeconds(2)); // "old" is past its reuse, "in use" is not

        answers.remember("bank-b/sme-001", "new");

        assertThat(answers.reusable("bank-a/sme-002")).isEqualTo("in use");
        assertThat(answers.reusable("bank-b/sme-001")).isEqualTo("new");
        assertThat(answers.size()).isEqualTo(2);
    }

    @Test
    void whenFullOfAnswersInUseANewOneIsNotKeptRatherThanDroppingThem() {
        answers.remember("bank-a/sme-001", "first");
        answers.remember("bank-a/sme-002", "second");

        answers.remember("bank-b/sme-001", "third");

        assertThat(answers.reusable("bank-b/sme-001")).isNull();
        assertThat(answers.reusable("bank-a/sme-001")).isEqualTo("first");
        assertThat(answers.reusable("bank-a/sme-002")).isEqualTo("second");

        answers.remember("bank-a/sme-001", "first, read again"); // a key already kept is replaced even when full
        assertThat(answers.reusable("bank-a/sme-001")).isEqualTo("first, read again");
    }

    @Test
    void whileFullOfAnswersInUseTheMapIsSweptAtMostEveryTenthOfTheReuse() {
        answers.remember("bank-a/sme-001", "first");
        clock.step(Duration.ofMillis(100));
        answers.remember("bank-a/sme-002", "second");
        clock.step(Duration.ofMillis(4_850)); // t = 4.95 s: both in use, the sweep finds nothing
        answers.remember("bank-b/sme-001", "third");
        assertThat(answers.reusable("bank-b/sme-001")).isNull();

        clock.step(Duration.ofMillis(100)); // t = 5.05 s: "first" is past its reuse, but the last sweep was 0.1 s ago
        answers.remember("bank-b/sme-001", "third");
        assertThat(answers.reusable("bank-b/sme-001")).isNull();

        clock.step(Duration.ofMillis(450)); // t = 5.5 s: half a second since that sweep
        answers.remember("bank-b/sme-001", "third");
        assertThat(answers.reusable("bank-b/sme-001")).isEqualTo("third");
    }

    @Test
    void forgettingAnAnswerLeavesANewerOneForTheSameKey() {
        answers.remember("bank-a/sme-001", "stale");
        answers.remember("bank-a/sme-001", "newer");

        answers.forget("bank-a/sme-001", "stale");
        assertThat(answers.reusable("bank-a/sme-001")).isEqualTo("newer");

        answers.forget("bank-a/sme-001", "newer");
        assertThat(answers.reusable("bank-a/sme-001")).isNull();
    }

    @Test
    void withNoReuseNothingIsKept() {
        RecentAnswers<String, String> none = new RecentAnswers<>(2, Duration.ZERO, clock);
        none.remember("bank-a/sme-001", "report");

        assertThat(none.reusable("bank-a/sme-001")).isNull();
        assertThat(none.size()).isZero();
    }

    private static final class SteppedClock extends Clock {

        private Instant now;

        SteppedClock(Instant start) {
            this.now = start;
        }

        void step(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
