package io.smecredit.portal.accesslog.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessDescriptionsTest {

    @Test
    void knownActionsReadAsSentences() {
        assertThat(AccessDescriptions.action("CREDIT_REPORT_READ")).isEqualTo("Read your credit report");
        assertThat(AccessDescriptions.action("CONSENT_REVOKED")).isEqualTo("Access revoked");
    }

    @Test
    void everyActionLoanServiceRecordsAboutAnSmeHasItsOwnSentenceNotItsCodeInLowerCase() {
        // The actions loan-service writes to the audit log (its AuditEntry calls); "Access denied" alone did not say
        // that the bank was refused and saw nothing.
        for (String action : java.util.List.of("CREDIT_REPORT_READ", "ACCESS_DENIED", "ALERTS_READ", "WEBHOOK_DELIVERY",
                "APPLICATION_DECIDED", "APPLICATION_READ", "APPLICATIONS_LISTED", "OUTCOME_REPORTED",
                "CONSENT_REQUESTED", "CONSENT_GRANTED", "CONSENT_APPROVED", "CONSENT_REJECTED", "CONSENT_REVOKED",
                "CONSENT_TERMINATED")) {
            String mechanical = action.replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
            assertThat(AccessDescriptions.action(action)).as(action).isNotEqualToIgnoringCase(mechanical);
        }
        assertThat(AccessDescriptions.action("ACCESS_DENIED")).contains("without your consent").contains("refused");
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
