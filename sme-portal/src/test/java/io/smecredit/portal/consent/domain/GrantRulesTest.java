package io.smecredit.portal.consent.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GrantRulesTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");
    private static final Set<String> BANKS = Set.of("bank-a", "bank-b");

    @Test
    void aCompleteGrantBecomesAccessUntilTheStartOfTheChosenDayInUtc() {
        GrantRules.Checked checked = GrantRules.check(" bank-a ", " Working capital ",
                List.of("credit-report", "monitoring", "credit-report"), "2027-02-01", BANKS, TODAY);

        assertThat(checked.problems()).isEmpty();
        Grant grant = checked.grant().orElseThrow();
        assertThat(grant.bankId()).isEqualTo("bank-a");
        assertThat(grant.purpose()).isEqualTo("Working capital");
        assertThat(grant.scopes()).containsExactly(Scope.CREDIT_REPORT, Scope.MONITORING);
        assertThat(grant.expiresAt()).isEqualTo(Instant.parse("2027-02-01T00:00:00Z"));
    }

    @Test
    void theLatestDayOfferedIsExactlyOneYearAheadAndTheDayAfterIsRefused() {
        assertThat(GrantRules.latestExpiry(TODAY)).isEqualTo(LocalDate.parse("2027-11-25"));
        assertThat(GrantRules.check("bank-a", "p", List.of("monitoring"), "2027-11-25", BANKS, TODAY).grant())
                .isPresent();

        GrantRules.Checked tooLong = GrantRules.check("bank-a", "p", List.of("monitoring"), "2027-11-26", BANKS, TODAY);
        assertThat(tooLong.grant()).isEmpty();
        assertThat(tooLong.problems()).containsExactly("Access can last at most one year: choose 25 Nov 2027 or earlier.");
    }

    @Test
    void aPurposeWithATabOrLineBreakIsRefusedHereWithWordsAnOwnerUnderstands() {
        assertThat(GrantRules.check("bank-a", "Working\tcapital", List.of("monitoring"), "2027-02-01", BANKS, TODAY)
                .problems()).containsExactly("Write the purpose on one line, without tabs or other invisible characters.");
    }

    @Test
    void accessMustEndAfterToday() {
        assertThat(GrantRules.check("bank-a", "p", List.of("monitoring"), "2026-11-25", BANKS, TODAY).problems())
                .containsExactly("Access must end after today.");
        assertThat(GrantRules.check("bank-a", "p", List.of("monitoring"), "2026-11-26", BANKS, TODAY).grant())
                .isPresent();
    }

    @Test
    void everyMissingFieldIsNamedAtOnce() {
        GrantRules.Checked checked = GrantRules.check("", "  ", List.of(), "", BANKS, TODAY);

        assertThat(checked.grant()).isEmpty();
        assertThat(checked.problems()).containsExactly(
                "Choose the bank that may see your data.",
                "Say what the bank may use your data for.",
                "Tick at least one kind of data the bank may see.",
                "Choose the day access ends.");
    }

    @Test
    void unknownBanksScopesAndMalformedDatesAreRefusedWithTheirReason() {
        GrantRules.Checked checked = GrantRules.check("bank-z", "x".repeat(201), List.of("everything"), "01/02/2027",
                BANKS, TODAY);

        assertThat(checked.problems()).containsExactly(
                "Choose one of the listed banks.",
                "Keep the purpose to at most 200 characters.",
                "'everything' is not something a bank can be given access to.",
                "Tick at least one kind of data the bank may see.",
                "Give the end date as YYYY-MM-DD.");
    }

    @Test
    void theProductionSummaryAloneIsRefusedSinceItIsPartOfTheCreditReport() {
        GrantRules.Checked checked = GrantRules.check("bank-a", "Supplier review", List.of("features-summary",
                "monitoring"), "2027-02-01", BANKS, TODAY);

        assertThat(checked.grant()).isEmpty();
        assertThat(checked.problems()).containsExactly(
                "The production summary is shown inside the credit report: tick the credit report too.");
    }

    @Test
    void aPurposeWithInvisibleFormattingIsRefusedSinceItWouldReadOtherwiseThanWritten() {
        for (String purpose : List.of("Supplier \u202Eweiver", "Supplier\u200Breview", "Supplier \uDB40\uDC01review")) {
            GrantRules.Checked checked = GrantRules.check("bank-a", purpose, List.of("credit-report"), "2027-02-01",
                    BANKS, TODAY);

            assertThat(checked.problems()).as(purpose).containsExactly(
                    "Write the purpose on one line, without tabs or other invisible characters.");
        }
    }
}
