package io.smecredit.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what is wrong with JSON that could not be read in the client developer's terms, not the parser's: Jackson's
 * own messages name its classes and features ("bound as `JsonNode`", "FAIL_ON_TRAILING_TOKENS", "Source: REDACTED",
 * "StreamReadConstraints.getMaxNumberLength()"), which tell an integrator nothing about what to change.
 */
public final class JsonSyntax {

    private static final Pattern TOO_LONG = Pattern.compile(
            "(Number value|String value|Name) length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+).*",
            Pattern.DOTALL);
    private static final Pattern TOO_DEEP = Pattern.compile(
            "Document nesting depth \\((\\d+)\\) exceeds the maximum allowed \\((\\d+).*", Pattern.DOTALL);

    private JsonSyntax() {
    }

    /**
     * What follows "… is not valid JSON: " or "… is too large to read: " (see {@link #verdict}).
     *
     * @param oneValueHint what to say when a body holds more than one JSON value (for a telemetry body: NDJSON sent as
     *                     application/json)
     */
    public static String explain(JsonProcessingException e, String oneValueHint) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher tooLong = TOO_LONG.matcher(message);
        if (tooLong.matches()) {
            String what = switch (tooLong.group(1)) {
                case "Number value" -> "a number";
                case "String value" -> "a text";
                default -> "a field name";
            };
            return "it has " + what + " of " + tooLong.group(2) + " characters, and at most " + tooLong.group(3)
                    + " are read";
        }
        Matcher tooDeep = TOO_DEEP.matcher(message);
        if (tooDeep.matches()) {
            return "it nests arrays or objects more than " + tooDeep.group(2) + " levels deep";
        }
        if (e instanceof MismatchedInputException && message.startsWith("Trailing token")) {
            return "it holds more than one JSON value; " + oneValueHint;
        }
        if (message.startsWith("Unexpected end-of-input")) {
            return "it ends before the JSON does (an unclosed bracket, brace or string: was it cut off?)";
        }
        if (message.startsWith("Unrecognized token '")) {
            int end = message.indexOf('\'', "Unrecognized token '".length());
            String token = end > 0 ? message.substring("Unrecognized token '".length(), end) : "";
            return "'" + abbreviate(token) + "' is not a JSON value (text must be in double quotes)";
        }
        String cleaned = plain(message)
                .replace("(JSON String, Number (or 'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or "
                        + "'false')", "a JSON value")
                .replace("(JSON String, Number, Array, Object or token 'null', 'true' or 'false')", "a JSON value")
                .replaceAll("\\(('.{1,2}') \\(code \\d+\\)\\)", "$1")
                .replaceAll("\\(CTRL-CHAR, code (\\d+)\\)", "a control character (code $1)")
                .replaceAll("\\s*\\(start marker at \\[[^]]*]\\)", "")
                .replaceAll("\\s*\\[Source:[^]]*]", "");
        return cleaned.isEmpty() ? "it is not valid JSON"
                : Character.toLowerCase(cleaned.charAt(0)) + cleaned.substring(1);
    }

    /**
     * Jackson's message without what only its own developers need: the "[Source: REDACTED …;" part of a location,
     * "enable `SomeFeature` to allow" hints, where a limit is configured ("from `StreamReadConstraints…`"), and
     * package names of Java types.
     */
    public static String plain(String jacksonMessage) {
        if (jacksonMessage == null) {
            return "";
        }
        return jacksonMessage.replaceAll("\\[Source: [^;\\]]*; ", "[")
                .replaceAll(", from `[^`]+`\\)", ")")
                .replaceAll(": enable `[^`]+` to allow", " (not allowed in JSON)")
                .replaceAll("`(?:[a-z0-9_]+\\.)+([A-Za-z0-9_$]+)`", "`$1`");
    }

    /** "is not valid JSON", or "is too large to read" for valid JSON beyond the parser's limits. */
    public static String verdict(JsonProcessingException e) {
        return e instanceof StreamConstraintsException ? "is too large to read" : "is not valid JSON";
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
