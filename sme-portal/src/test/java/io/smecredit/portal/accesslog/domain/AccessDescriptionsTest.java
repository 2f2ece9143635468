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
}
