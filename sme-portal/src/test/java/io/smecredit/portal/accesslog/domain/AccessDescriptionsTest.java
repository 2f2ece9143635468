package io.smecredit.portal.accesslog.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class AccessDescriptionsTest {

    @Test
    void knownActionsReadAsSentences() {
        assertThat(AccessDescriptions.action("CREDIT_REPORT_READ")).isEqualTo("Read your credit report");
        assertThat(AccessDescriptions.action("CONSENT_REVOKED")).isEqualTo("Access revoked");
    }

    /**
     * Every action loan-service writes to the audit log about an SME (its {@code AuditEntry.byBank} / {@code bySme}
     * calls), listed here rather than read from loan-service's code: the portal only knows loan-service's wire. A new
     * action there belongs in this list and in {@link AccessDescriptions}. ({@code AUDIT_LOG_READ} is written by an
     * operator about no SME, so it never reaches an owner's log.)
     */
    private static final List<String> ACTIONS_LOAN_SERVICE_RECORDS_ABOUT_AN_SME = List.of(
            "CREDIT_REPORT_READ", "ACCESS_DENIED", "ALERTS_READ", "WEBHOOK_DELIVERY",
            "APPLICATION_DECIDED", "APPLICATION_READ", "APPLICATIONS_LISTED", "OUTCOME_REPORTED", "OUTCOMES_READ",
            "CONSENT_REQUESTED", "CONSENT_GRANTED", "CONSENT_APPROVED", "CONSENT_REJECTED", "CONSENT_REVOKED",
            "CONSENT_TERMINATED");

    @Test
    void everyActionLoanServiceRecordsAboutAnSmeHasItsOwnSentenceNotItsCodeInLowerCase() {
        // "Access denied" alone did not say that the bank was refused and saw nothing; "Outcomes read" did not say
        // whose outcomes.
        for (String action : ACTIONS_LOAN_SERVICE_RECORDS_ABOUT_AN_SME) {
            String mechanical = action.replace('_', ' ').toLowerCase(Locale.ROOT);
            assertThat(AccessDescriptions.action(action)).as(action).isNotEqualToIgnoringCase(mechanical);
        }
        assertThat(AccessDescriptions.action("ACCESS_DENIED")).contains("without your consent").contains("refused");
        assertThat(AccessDescriptions.action("OUTCOMES_READ")).isEqualTo("Looked at how its loan to you is going");
    }

    @Test
    void aBankEndingAConsentIsWordedTrueForAWithdrawnRequestAndForEndedAccess() {
        // The record does not say whether the consent was still a request (the bank never had access) or valid; the
        // Who column already names the bank.
        assertThat(AccessDescriptions.action("CONSENT_TERMINATED"))
                .isEqualTo("Withdrew its request or ended its access")
                .doesNotContain("Bank");
    }

    @Test
    void aWebhookDeliveryIsSaidToHaveBeenSentOnlyWhenItWas() {
        assertThat(AccessDescriptions.bankAction("WEBHOOK_DELIVERY", "attempt=1; outcome=delivered"))
                .isEqualTo("Was sent an early warning about your business");
        for (String outcome : new String[] {"failed", "refused"}) {
            assertThat(AccessDescriptions.bankAction("WEBHOOK_DELIVERY", "attempt=2; outcome=" + outcome))
                    .isEqualTo("An early warning about your business was to be sent to it, but the delivery failed");
        }
        // Records written before loan-service stated the outcome keep the general sentence.
        assertThat(AccessDescriptions.bankAction("WEBHOOK_DELIVERY", null))
                .isEqualTo("Was sent an early warning about your business");
        assertThat(AccessDescriptions.bankAction("CREDIT_REPORT_READ", "attempt=1; outcome=failed"))
                .isEqualTo("Read your credit report");
    }

    @Test
    void actionsAddedLaterStillReadAcceptably() {
        assertThat(AccessDescriptions.action("CREDIT_DECISION_MADE")).isEqualTo("Credit decision made");
        assertThat(AccessDescriptions.action(null)).isEqualTo("Used your data");
    }

    @Test
    void actorsAreTheBankByNameTheOwnerAsYouOrTheOperator() {
        assertThat(AccessDescriptions.actor("bank", "bank-a", "Demo Bank A")).isEqualTo("Demo Bank A");
        assertThat(AccessDescriptions.actor("sme", "owner-sme-001", null)).isEqualTo("You (owner-sme-001)");
        assertThat(AccessDescriptions.actor("operator", "ops", null)).isEqualTo("Platform operator");
    }

    @Test
    void theOwnersOwnChangesNameTheBankTheyConcern() {
        String details = "bank=bank-b; scopes=credit-report,monitoring; purpose=Overdraft review";
        assertThat(AccessDescriptions.bankOf(details)).isEqualTo("bank-b");
        assertThat(AccessDescriptions.ownerAction("CONSENT_REVOKED", "Demo Bank B"))
                .isEqualTo("Revoked Demo Bank B's access");
        assertThat(AccessDescriptions.ownerAction("CONSENT_GRANTED", "Demo Bank A"))
                .isEqualTo("Gave Demo Bank A access directly");
        // Without a bank in the details, or for other actions, the plain sentence.
        assertThat(AccessDescriptions.bankOf("purpose=bank=x")).isNull();
        assertThat(AccessDescriptions.ownerAction("CONSENT_REVOKED", null)).isEqualTo("Access revoked");
        assertThat(AccessDescriptions.ownerAction("CREDIT_REPORT_READ", "Demo Bank A"))
                .isEqualTo("Read your credit report");
    }
}
