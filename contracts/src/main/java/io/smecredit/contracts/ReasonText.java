package io.smecredit.contracts;

/** The words of one principal reason, in English and in Simplified Chinese. */
public record ReasonText(String en, String zh) {
}
