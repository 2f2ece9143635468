package io.smecredit.common.text;

/**
 * Checks for text a person will read elsewhere (a consent's purpose in the SME portal, an operator's reason in a
 * model's history): characters that hide or disguise what is written, or are not characters at all.
 */
public final class PlainText {

    private PlainText() {
    }

    /**
     * Unicode format characters (category Cf: bidi controls, zero-width, tags, BOM, soft hyphen) and U+2028/9: a
     * right-to-left override shows text reversed, zero-width and tag characters hide it.
     */
    public static boolean hasInvisibleFormatting(String text) {
        return text.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR);
    }

    /** A surrogate without its pair is no character; stored, it silently becomes '?'. */
    public static boolean hasUnpairedSurrogates(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
