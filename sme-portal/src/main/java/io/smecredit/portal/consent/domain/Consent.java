package io.smecredit.portal.consent.domain;

import java.time.Instant;
import java.util.List;

/**
 * One consent (or a bank's request for one) as the owner sees it.
 *
 * @param requestedScopes the wire names, kept as given so that a scope this portal does not know is still shown
 * @param requestedByBank true for a bank's request, false for the owner's direct grant
 * @param validFrom       when it became valid (approved or granted); null if it never was
 */
public record Consent(
        String id,
        String bankId,
        String bankName,
        String purpose,
        List<String> requestedScopes,
        ConsentStatus status,
        boolean requestedByBank,
        Instant expiresAt,
        Instant createdAt,
        Instant validFrom) {

    public Consent {
        requestedScopes = requestedScopes == null ? List.of() : List.copyOf(requestedScopes);
    }

    /** A request still waiting for the owner; one whose expiry has passed can no longer be approved. */
    public boolean awaitsAnswer(Instant now) {
        return status == ConsentStatus.RECEIVED && !expiredAt(now);
    }

    /** The bank can use it right now: loan-service treats expiry as immediate, so does the portal. */
    public boolean activeAt(Instant now) {
        return status == ConsentStatus.VALID && !expiredAt(now);
    }

    /** Loan-service may not have marked a consent expired yet; the owner should still see it as expired. */
    public ConsentStatus effectiveStatus(Instant now) {
        if ((status == ConsentStatus.VALID || status == ConsentStatus.RECEIVED) && expiredAt(now)) {
            return ConsentStatus.EXPIRED;
        }
        return status;
    }

    /**
     * The status in the owner's words. loan-service stores a request the bank withdrew before any answer and access
     * the bank ended alike (terminatedByBank); "Ended by the bank" for a request the owner never approved told them
     * access had existed.
     */
    public String statusLabel(Instant now) {
        ConsentStatus shown = effectiveStatus(now);
        return shown == ConsentStatus.TERMINATED_BY_BANK && validFrom == null ? "Withdrawn by the bank" : shown.label();
    }

    /** The scopes in the owner's words, as one phrase ("Credit report, Production summary"). */
    public String scopesInWords() {
        return String.join(", ", scopeLabels());
    }

    /** The scopes in the owner's words; one this portal does not know keeps its wire name. */
    public List<String> scopeLabels() {
        return requestedScopes.stream().map(name -> Scope.fromWire(name).map(Scope::label).orElse(name)).toList();
    }

    public String bankDisplayName() {
        return bankName == null || bankName.isBlank() ? bankId : bankName;
    }

    private boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
