package io.smecredit.portal.consent.resource;

import java.util.Arrays;
import java.util.Optional;

/**
 * Confirmation shown after a change (post/redirect/get). Only these fixed texts can appear: the query parameter
 * selects one, so a crafted link cannot put words of its own on the page.
 */
public enum Notice {
    APPROVED("approved", "Approved. The bank can now see what you allowed, until the end date shown."),
    REJECTED("rejected", "Rejected. The bank will not see your data for this request."),
    REVOKED("revoked", "Revoked. The bank can no longer see your data, starting with its very next request."),
    REVOKED_OTHER_ACCESS_REMAINS("revoked-other-remains", "Revoked. The bank still has access through another "
            + "consent you gave it, listed under \"Banks that can see your data now\": revoke that one too to end all "
            + "its access."),
    REVOKED_UNCHECKED("revoked-this", "Revoked. This consent no longer lets the bank see your data, starting with its "
            + "very next request."),
    GRANTED("granted", "Access granted. The bank can now see what you allowed, until the end date shown."),
    SESSION_ENDED("not-changed", "Nothing was changed: that address belongs to a button, and it was opened without "
            + "the button's form (after you had to sign in again, or from the address bar). If you still want the "
            + "change, please click once more.");

    private final String key;
    private final String text;

    Notice(String key, String text) {
        this.key = key;
        this.text = text;
    }

    public String key() {
        return key;
    }

    public String text() {
        return text;
    }

    public static Optional<Notice> fromKey(String key) {
        return Arrays.stream(values()).filter(notice -> notice.key.equals(key)).findFirst();
    }
}
