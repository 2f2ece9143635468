package io.smecredit.ingestion.telemetry.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Says what is wrong with JSON that does not parse in the gateway developer's terms, not the parser's: Jackson's own
 * messages name its classes and features ("bound as `JsonNode`", "FAIL_ON_TRAILING_TOKENS", "Source: REDACTED"),
 * which tell an integrator nothing about what to change.
 */
final class JsonSyntax {

    private JsonSyntax() {
    }

    /**
     * @param ndjsonHint what to say when a body or message holds more than one JSON value (the usual cause: NDJSON
     *                   sent as application/json, or several events in one message)
     */
    static String explain(JsonProcessingException e, String ndjsonHint) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof MismatchedInputException && message.startsWith("Trailing token")) {
            return "it holds more than one JSON value; " + ndjsonHint;
        }
        if (message.startsWith("Unexpected end-of-input")) {
            return "it ends before the JSON does (an unclosed bracket, brace or string: was it cut off?)";
        }
        if (message.startsWith("Unrecognized token '")) {
            int end = message.indexOf('\'', "Unrecognized token '".length());
            String token = end > 0 ? message.substring("Unrecognized token '".length(), end) : "";
            return "'" + abbreviate(token) + "' is not a JSON value (text must be in double quotes)";
        }
        String plain = message
                .replace("(JSON String, Number (or 'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or "
                        + "'false')", "a JSON value")
                .replaceAll("\\(('.{1,2}') \\(code \\d+\\)\\)", "$1")
                .replaceAll("\\(CTRL-CHAR, code (\\d+)\\)", "a control character (code $1)")
                .replaceAll("\\s*\\(start marker at \\[Source:[^]]*]\\)", "")
                .replaceAll("\\s*\\[Source:[^]]*]", "");
        return plain.isEmpty() ? "it is not valid JSON" : Character.toLowerCase(plain.charAt(0)) + plain.substring(1);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
