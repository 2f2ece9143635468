package io.smecredit.portal.accesslog.service;

import io.smallrye.mutiny.Uni;
import io.smecredit.portal.accesslog.client.LoanAccessLogClient;
import io.smecredit.portal.accesslog.client.LoanAccessRecord;
import io.smecredit.portal.accesslog.domain.AccessLogPage;
import io.smecredit.portal.accesslog.domain.AccessRecord;
import io.smecredit.portal.bank.BankDirectory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class AccessLogServiceTest {

    private static final int PAGE_SIZE = 4;
    private static final Instant T = Instant.parse("2026-12-06T08:00:00Z");

    /** loan-service's access log as a list, oldest first (seq 1 is the first record), paged like the real one. */
    private final List<LoanAccessRecord> log = new ArrayList<>();
    private int calls;

    private final LoanAccessLogClient loan = (before, limit) -> {
        calls++;
        long olderThan = before == null ? Long.MAX_VALUE : Long.parseLong(before);
        List<LoanAccessRecord> page = new ArrayList<>();
        for (int i = log.size() - 1; i >= 0 && page.size() < limit; i--) {
            if (log.get(i).seq() < olderThan) {
                page.add(log.get(i));
            }
        }
        return Uni.createFrom().item(page);
    };

    private final AccessLogService accessLog = new AccessLogService(loan,
            new BankDirectory(List.of("bank-a=Demo Bank A", "bank-b=Demo Bank B")), PAGE_SIZE);

    @Test
    void aRunThatFillsThePageIsFollowedIntoOlderPagesAndTheNextPageStartsAfterIt() {
        bank("bank-b", "CONSENT_REQUESTED");
        times(9, () -> bank("bank-a", "CREDIT_REPORT_READ"));
        bank("bank-b", "ALERTS_READ");

        AccessLogPage newest = accessLog.page(null).await().indefinitely();

        assertThat(newest.records()).extracting(AccessRecord::who, AccessRecord::times,
                AccessRecord::mayGoOnInOlderEntries).containsExactly(
                tuple("Demo Bank B", 1, false), tuple("Demo Bank A", 9, false));
        assertThat(newest.records().get(1).since()).isEqualTo(T.plusSeconds(2));
        AccessLogPage older = accessLog.page(String.valueOf(newest.olderBefore())).await().indefinitely();
        assertThat(older.records()).extracting(AccessRecord::what).containsExactly("Asked for access to your data");
        assertThat(older.olderBefore()).isNull();
    }

    @Test
    void aRunLongerThanThePagesThePortalReadsClaimsNoExactCount() {
        int read = PAGE_SIZE * (1 + AccessLogService.FURTHER_PAGES_FOR_ONE_RUN);
        times(read + 3, () -> bank("bank-a", "CREDIT_REPORT_READ"));

        AccessLogPage newest = accessLog.page(null).await().indefinitely();

        assertThat(calls).as("a bounded number of calls").isEqualTo(1 + AccessLogService.FURTHER_PAGES_FOR_ONE_RUN);
        assertThat(newest.records()).extracting(AccessRecord::times, AccessRecord::mayGoOnInOlderEntries)
                .containsExactly(tuple(read, true));
        AccessLogPage older = accessLog.page(String.valueOf(newest.olderBefore())).await().indefinitely();
        assertThat(older.records()).extracting(AccessRecord::times).containsExactly(3);
        assertThat(older.olderBefore()).isNull();
    }

    @Test
    void aRunThatEndsExactlyWithTheLogIsCountedExactlyAndHasNoOlderPage() {
        times(PAGE_SIZE * 2, () -> bank("bank-a", "CREDIT_REPORT_READ"));

        AccessLogPage newest = accessLog.page(null).await().indefinitely();

        assertThat(newest.records()).extracting(AccessRecord::times, AccessRecord::mayGoOnInOlderEntries)
                .containsExactly(tuple(PAGE_SIZE * 2, false));
        // The third call found nothing older: the log ended with the run.
        assertThat(newest.olderBefore()).isNull();
    }

    @Test
    void theOwnersOwnChangesAndPagesThatEndWithAnotherRecordCostNoFurtherCalls() {
        times(3, () -> bank("bank-a", "CREDIT_REPORT_READ"));
        times(PAGE_SIZE, () -> add("sme", "owner-sme-001", "CONSENT_REVOKED", "bank=bank-a"));

        AccessLogPage newest = accessLog.page(null).await().indefinitely();

        assertThat(calls).isEqualTo(1);
        assertThat(newest.records()).hasSize(PAGE_SIZE).allMatch(row -> !row.mayGoOnInOlderEntries());
        assertThat(newest.olderBefore()).isNotNull();
    }

    private void bank(String bankId, String action) {
        add("bank", bankId, action, null);
    }

    private void add(String actorType, String actor, String action, String details) {
        long seq = log.size() + 1;
        log.add(new LoanAccessRecord(seq, T.plusSeconds(seq), actorType, actor, action, null, details));
    }

    private static void times(int count, Runnable action) {
        for (int i = 0; i < count; i++) {
            action.run();
        }
    }
}
