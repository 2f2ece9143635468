package io.smecredit.loan.consent.domain;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** Lifecycle of a consent. {@link #EXPIRED} is never stored: it is what a received or valid consent becomes at its expiry. */
public enum ConsentStatus {
    RECEIVED("received"),
    VALID("valid"),
    REJECTED("rejected"),
    EXPIRED("expired"),
    REVOKED_BY_SME("revokedBySme"),
    TERMINATED_BY_BANK("terminatedByBank");

    private final String wireName;

    ConsentStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static ConsentStatus fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown consent status " + name));
    }
}
