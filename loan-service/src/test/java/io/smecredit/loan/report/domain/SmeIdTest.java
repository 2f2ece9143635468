package io.smecredit.loan.report.domain;

import io.smecredit.contracts.SmeId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmeIdTest {

    @Test
    void acceptsDemoAndGeneratedIds() {
        assertThat(SmeId.isValid("sme-001")).isTrue();
        assertThat(SmeId.isValid("it-3f2a9c")).isTrue();
        assertThat(SmeId.isValid("a")).isTrue();
        assertThat(SmeId.isValid("a" + "-".repeat(63))).isTrue();
    }

    @Test
    void rejectsIdsThatCouldNotBeUsedSafelyInPathsOrKeys() {
        assertThat(SmeId.isValid(null)).isFalse();
        assertThat(SmeId.isValid("")).isFalse();
        assertThat(SmeId.isValid("-sme")).isFalse();
        assertThat(SmeId.isValid("SME-001")).isFalse();
        assertThat(SmeId.isValid("sme_001")).isFalse();
        assertThat(SmeId.isValid("sme 001")).isFalse();
        assertThat(SmeId.isValid("sme-001\n")).isFalse();
        assertThat(SmeId.isValid("a".repeat(65))).isFalse();
    }
}
