package io.smecredit.portal.accesslog.domain;

import java.util.Locale;
import java.util.Map;

/** What an audit record means for the owner. */
public final class AccessDescriptions {

    private static final Map<String, String> KNOWN_ACTIONS = Map.ofEntries(
            Map.entry("CREDIT_REPORT_READ", "Read your credit report"),
            Map.entry("ACCESS_DENIED", "Tried to read your data without your consent: refused, it saw nothing"),
            Map.entry("ALERTS_READ", "Read its early warnings about your business"),
            Map.entry("WEBHOOK_DELIVERY", "Was sent an early warning about your business"),
            Map.entry("APPLICATION_DECIDED", "Decided a credit application for you, using your data"),
            Map.entry("APPLICATION_READ", "Looked at a credit application for you"),
            Map.entry("APPLICATIONS_LISTED", "Listed its credit applications for you"),
            Map.entry("OUTCOME_REPORTED", "Reported how a loan to you is going (paid out, repaid or late)"),
            Map.entry("OUTCOMES_READ", "Looked at how its loan to you is going"),
            Map.entry("CONSENT_REQUESTED", "Asked for access to your data"),
            Map.entry("CONSENT_GRANTED", "Access given directly"),
            Map.entry("CONSENT_APPROVED", "Request approved"),
            Map.entry("CONSENT_REJECTED", "Request rejected"),
            Map.entry("CONSENT_REVOKED", "Access revoked"),
            // loan-service records a bank withdrawing its pending request and a bank ending its access alike, with the
            // same details (bank, scopes, expiry, purpose): the sentence must be true for both. The Who column names
            // the bank.
            Map.entry("CONSENT_TERMINATED", "Withdrew its request or ended its access"));

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
     * What a bank did, in plain words: as {@link #action(String)}, except that a webhook delivery that did not succeed
     * (loan-service's details say {@code outcome=failed} or {@code outcome=refused}) is not said to have been sent.
     */
    public static String bankAction(String action, String details) {
        if ("WEBHOOK_DELIVERY".equals(action) && details != null && !details.contains("outcome=delivered")
                && details.contains("outcome=")) {
            return "An early warning about your business was to be sent to it, but the delivery failed";
        }
        return action(action);
    }

    /** What the owner did about one bank's access, naming the bank: "Access revoked" alone did not say whose. */
    private static final Map<String, String> OWNER_ACTIONS_ABOUT_A_BANK = Map.of(
            "CONSENT_GRANTED", "Gave %s access directly",
            "CONSENT_APPROVED", "Approved %s's request",
            "CONSENT_REJECTED", "Rejected %s's request",
            "CONSENT_REVOKED", "Revoked %s's access");

    /** The bank a consent record concerns, from loan-service's details ({@code bank=bank-b; scopes=…}), or null. */
    public static String bankOf(String details) {
        if (details == null) {
            return null;
        }
        for (String part : details.split(";")) {
            String field = part.strip();
            if (field.startsWith("bank=") && field.length() > "bank=".length()) {
                return field.substring("bank=".length());
            }
        }
        return null;
    }

    /**
     * An owner's action about a bank's access in plain words with the bank's name; other actions (or without a
     * bank) as {@link #action(String)}.
     */
    public static String ownerAction(String action, String bankName) {
        String sentence = action == null ? null : OWNER_ACTIONS_ABOUT_A_BANK.get(action);
        return sentence == null || bankName == null ? action(action) : sentence.formatted(bankName);
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
