package io.smecredit.portal.accesslog.domain;

import java.util.Locale;
import java.util.Map;

/** What an audit record means for the owner. */
public final class AccessDescriptions {

    private static final Map<String, String> KNOWN_ACTIONS = Map.of(
            "CREDIT_REPORT_READ", "Read your credit report",
            "CONSENT_REQUESTED", "Asked for access to your data",
            "CONSENT_GRANTED", "Access given directly",
            "CONSENT_APPROVED", "Request approved",
            "CONSENT_REJECTED", "Request rejected",
            "CONSENT_REVOKED", "Access revoked",
            "CONSENT_TERMINATED", "Bank ended its access");

    private AccessDescriptions() {
    }

    /** A known action in plain words; an action added later still reads acceptably ("LOAN_DECIDED" → "Loan decided"). */
    public static String action(String action) {
        if (action == null || action.isBlank()) {
            return "Used your data";
        }
        String known = KNOWN_ACTIONS.get(action);
        if (known != null) {
            return known;
        }
        String words = action.replace('_', ' ').toLowerCase(Locale.ROOT).strip();
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /**
     * Who did it.
     *
     * @param bankName the bank's display name when the actor is a bank, else ignored
     */
    public static String actor(String actorType, String actor, String bankName) {
        if ("bank".equals(actorType)) {
            return bankName != null ? bankName : actor;
        }
        if ("sme".equals(actorType)) {
            return actor == null ? "You" : "You (" + actor + ")";
        }
        if ("operator".equals(actorType)) {
            return "Platform operator";
        }
        return actor == null ? "Unknown" : actor;
    }
}
