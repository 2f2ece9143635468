package io.smecredit.loan.common;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** What a consent lets a bank do with an SME's data. */
public enum ConsentScope {
    /** Read the credit report: score, PD, grade, reasons, trend; also apply for credit for the SME. */
    CREDIT_REPORT("credit-report"),
    /** See the feature values behind the score in the credit report, and those a credit decision read. */
    FEATURES_SUMMARY("features-summary"),
    /** Receive early-warning alerts about the SME. */
    MONITORING("monitoring");

    private final String wireName;

    ConsentScope(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<ConsentScope> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
