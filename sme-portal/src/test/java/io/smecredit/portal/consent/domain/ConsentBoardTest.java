package io.smecredit.portal.consent.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsentBoardTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static Consent consent(String id, ConsentStatus status, Instant expiresAt, Instant createdAt) {
        return new Consent(id, "bank-a", "Demo Bank A", "Working capital", List.of("credit-report"), status, true,
                expiresAt, createdAt, status == ConsentStatus.VALID ? createdAt : null);
    }

    @Test
    void requestsWaitingLongestComeFirstAndActiveAccessEndingSoonestComesFirst() {
        Consent newerRequest = consent("r2", ConsentStatus.RECEIVED, NOW.plusSeconds(90_000), NOW.minusSeconds(60));
        Consent olderRequest = consent("r1", ConsentStatus.RECEIVED, NOW.plusSeconds(90_000), NOW.minusSeconds(3600));
        Consent endsLater = consent("v2", ConsentStatus.VALID, NOW.plusSeconds(900_000), NOW.minusSeconds(10));
        Consent endsSooner = consent("v1", ConsentStatus.VALID, NOW.plusSeconds(9_000), NOW.minusSeconds(20));

        ConsentBoard board = ConsentBoard.of(List.of(newerRequest, endsLater, olderRequest, endsSooner), NOW);

        assertThat(board.pending()).extracting(Consent::id).containsExactly("r1", "r2");
        assertThat(board.active()).extracting(Consent::id).containsExactly("v1", "v2");
        assertThat(board.history()).isEmpty();
    }

    @Test
    void consentsPastTheirExpiryAreHistoryEvenBeforeLoanServiceMarksThemExpired() {
        Consent lapsedGrant = consent("v", ConsentStatus.VALID, NOW, NOW.minusSeconds(100));
        Consent lapsedRequest = consent("r", ConsentStatus.RECEIVED, NOW.minusSeconds(1), NOW.minusSeconds(200));

        ConsentBoard board = ConsentBoard.of(List.of(lapsedGrant, lapsedRequest), NOW);

        assertThat(board.pending()).isEmpty();
        assertThat(board.active()).isEmpty();
        assertThat(board.history()).extracting(Consent::id).containsExactly("v", "r");
        assertThat(board.history()).extracting(c -> c.effectiveStatus(NOW))
                .containsOnly(ConsentStatus.EXPIRED);
    }

    @Test
    void endedConsentsAreHistoryNewestFirstAndTheHistoryIsCapped() {
        List<Consent> ended = new ArrayList<>();
        for (int i = 0; i < ConsentBoard.HISTORY_LIMIT + 5; i++) {
            ConsentStatus status = List.of(ConsentStatus.REJECTED, ConsentStatus.REVOKED_BY_SME,
                    ConsentStatus.TERMINATED_BY_BANK, ConsentStatus.EXPIRED, ConsentStatus.UNKNOWN).get(i % 5);
            ended.add(consent("h" + i, status, NOW.plusSeconds(90_000), NOW.minusSeconds(10_000 - i)));
        }

        ConsentBoard board = ConsentBoard.of(ended, NOW);

        assertThat(board.pending()).isEmpty();
        assertThat(board.active()).isEmpty();
        assertThat(board.history()).hasSize(ConsentBoard.HISTORY_LIMIT);
        assertThat(board.history().get(0).id()).isEqualTo("h" + (ConsentBoard.HISTORY_LIMIT + 4));
    }

    @Test
    void scopesReadAsWordsAndUnknownOnesKeepTheirName() {
        Consent consent = new Consent("c", "bank-a", null, "p", List.of("credit-report", "monitoring", "new-scope"),
                ConsentStatus.VALID, false, NOW.plusSeconds(60), NOW, NOW);

        assertThat(consent.scopeLabels()).containsExactly("Credit report", "Monitoring and early warnings", "new-scope");
        assertThat(consent.bankDisplayName()).isEqualTo("bank-a");
    }

    @Test
    void aRequestTheBankWithdrewReadsAsWithdrawnAndAccessItEndedAsEnded() {
        Consent withdrawn = consent("w", ConsentStatus.TERMINATED_BY_BANK, NOW.plusSeconds(3600), NOW.minusSeconds(60));
        Consent ended = new Consent("e", "bank-a", "Demo Bank A", "Working capital", List.of("credit-report"),
                ConsentStatus.TERMINATED_BY_BANK, true, NOW.plusSeconds(3600), NOW.minusSeconds(60), NOW.minusSeconds(30));

        assertThat(withdrawn.statusLabel(NOW)).isEqualTo("Withdrawn by the bank");
        assertThat(ended.statusLabel(NOW)).isEqualTo("Ended by the bank");
        assertThat(consent("r", ConsentStatus.REJECTED, NOW.plusSeconds(3600), NOW).statusLabel(NOW))
                .isEqualTo("Rejected by you");
    }

    @Test
    void unknownStatusesAreNeverTreatedAsActive() {
        assertThat(ConsentStatus.fromWire("revokedBySme")).isEqualTo(ConsentStatus.REVOKED_BY_SME);
        assertThat(ConsentStatus.fromWire("suspended")).isEqualTo(ConsentStatus.UNKNOWN);
        assertThat(ConsentStatus.fromWire(null)).isEqualTo(ConsentStatus.UNKNOWN);
        assertThat(ConsentStatus.fromWire("")).isEqualTo(ConsentStatus.UNKNOWN);
    }
}
