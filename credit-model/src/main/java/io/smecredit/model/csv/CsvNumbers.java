package io.smecredit.model.csv;

import java.util.regex.Pattern;

/**
 * What a CSV cell must look like to be read as a number or a label. {@link Double#parseDouble} is too lenient for
 * data: it also takes Java literals no CSV author means as numbers ({@code 12d}, {@code 12f}, the hex float
 * {@code 0x1p3}), so numbers are matched against a plain decimal grammar first. Callers trim the cell: spaces
 * around a value (as in {@code 1, 2}) are ignored, spaces inside it are not.
 */
final class CsvNumbers {

    /** Optional sign, digits with an optional fraction (or a fraction alone), optional exponent: 12, -0.5, .5, 1.2e3. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    /** The spellings of infinity that spreadsheets, R, pandas and Java write; refused, but as infinite, not as text. */
    private static final Pattern INFINITY = Pattern.compile("[+-]?(?:inf|infinity)", Pattern.CASE_INSENSITIVE);
    /** A label is 0 or 1; a float export's 0.0 / 1.00 is the same label. 01, -0, +1 or 1e0 are not labels anyone writes. */
    private static final Pattern LABEL = Pattern.compile("[01](?:\\.0+)?");

    private CsvNumbers() {
    }

    /**
     * The number a trimmed cell holds: infinite if it spells infinity ({@code Inf}, {@code -infinity}, …) or is a
     * decimal too large for a float (callers refuse both), NaN if it is not a number at all. Float, not double: rows
     * are stored and compared in float32 as XGBoost does, where 1e39 would silently become infinity.
     */
    static double read(String text) {
        if (DECIMAL.matcher(text).matches()) {
            double value = Double.parseDouble(text);
            return Float.isInfinite((float) value) ? Math.copySign(Double.POSITIVE_INFINITY, value) : value;
        }
        if (INFINITY.matcher(text).matches()) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.NaN;
    }

    /** The label the trimmed cell holds, 0 or 1, or -1 if it is not a label. */
    static int label(String text) {
        return LABEL.matcher(text).matches() ? text.charAt(0) - '0' : -1;
    }
}
