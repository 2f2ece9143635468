package io.smecredit.loan.common;

/** A partner bank: its id in consents and decisions, and the Keycloak client its tokens are issued to. */
public record Bank(String id, String clientId, String displayName) {
}
