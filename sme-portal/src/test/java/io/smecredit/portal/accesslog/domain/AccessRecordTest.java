package io.smecredit.portal.accesslog.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class AccessRecordTest {

    private static final Instant T = Instant.parse("2026-12-06T08:00:00Z");

    @Test
    void theSameThingBySameBankInARowIsOneRowWithHowManyTimesAndFromWhenToWhen() {
        List<AccessRecord> newestFirst = List.of(
                read("Demo Bank A", 30), read("Demo Bank A", 20), read("Demo Bank A", 10),
                AccessRecord.single(T.plusSeconds(5), "You", "Access revoked", false),
                read("Demo Bank A", 3), read("Demo Bank B", 2), read("Demo Bank A", 1));

        List<AccessRecord> rows = AccessRecord.runs(newestFirst);

        assertThat(rows).extracting(AccessRecord::who, AccessRecord::times).containsExactly(
                tuple("Demo Bank A", 3), tuple("You", 1),
                tuple("Demo Bank A", 1), tuple("Demo Bank B", 1),
                tuple("Demo Bank A", 1));
        assertThat(rows.get(0).at()).isEqualTo(T.plusSeconds(30));
        assertThat(rows.get(0).since()).isEqualTo(T.plusSeconds(10));
        assertThat(rows).extracting(AccessRecord::times).containsExactly(3, 1, 1, 1, 1)
                .as("nothing is dropped").satisfies(times -> assertThat(times.stream().mapToInt(i -> i).sum())
                        .isEqualTo(newestFirst.size()));
    }

    @Test
    void theOwnersOwnChangesAreNeverMergedEvenWhenTheyReadAlike() {
        List<AccessRecord> rows = AccessRecord.runs(List.of(
                AccessRecord.single(T.plusSeconds(2), "You", "Approved Demo Bank B's request", false),
                AccessRecord.single(T.plusSeconds(1), "You", "Approved Demo Bank B's request", false)));

        assertThat(rows).extracting(AccessRecord::times).containsExactly(1, 1);
    }

    private static AccessRecord read(String bank, int second) {
        return AccessRecord.single(T.plusSeconds(second), bank, "Read your credit report", true);
    }
}
