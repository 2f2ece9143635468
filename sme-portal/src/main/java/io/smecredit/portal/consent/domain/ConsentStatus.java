package io.smecredit.portal.consent.domain;

import java.util.Arrays;

/** Lifecycle of a consent as loan-service reports it, with the words an SME owner reads. */
public enum ConsentStatus {
    RECEIVED("received", "Waiting for your answer"),
    VALID("valid", "Active"),
    REJECTED("rejected", "Rejected by you"),
    EXPIRED("expired", "Expired"),
    REVOKED_BY_SME("revokedBySme", "Revoked by you"),
    TERMINATED_BY_BANK("terminatedByBank", "Ended by the bank"),
    /** A status this portal does not know yet: shown, never acted upon. */
    UNKNOWN("", "Unknown");

    private final String wireName;
    private final String label;

    ConsentStatus(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    public String wireName() {
        return wireName;
    }

    public String label() {
        return label;
    }

    public static ConsentStatus fromWire(String name) {
        return Arrays.stream(values())
                .filter(status -> status != UNKNOWN && status.wireName.equals(name))
                .findFirst()
                .orElse(UNKNOWN);
    }
}
