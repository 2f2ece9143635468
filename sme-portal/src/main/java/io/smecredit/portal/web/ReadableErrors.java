package io.smecredit.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Turns what went wrong in a call to loan-service into a sentence for the owner. loan-service answers errors as
 * RFC 9457 problem details, whose {@code detail} is written for people; anything else becomes a generic but honest
 * message. Nothing technical (stack traces, URLs, tokens) ever reaches the page.
 */
public final class ReadableErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE_LENGTH = 500;
    private static final Map<String, String> STATUS_WORDS = Map.of(
            "revokedBySme", "revoked by you",
            "terminatedByBank", "ended by the bank");

    private ReadableErrors() {
    }

    public static LoanServiceFailure describe(Throwable failure) {
        WebApplicationException refused = find(failure, WebApplicationException.class);
        if (refused != null && refused.getResponse() != null) {
            return fromResponse(refused.getResponse());
        }
        if (find(failure, ConnectException.class) != null || find(failure, ProcessingException.class) != null
                || find(failure, TimeoutException.class) != null) {
            return new LoanServiceFailure(503,
                    "The loan service cannot be reached right now, so nothing was changed. Please try again in a minute.");
        }
        return new LoanServiceFailure(502, "Something went wrong on our side, so nothing was changed. Please try again.");
    }

    static LoanServiceFailure fromResponse(Response response) {
        int status = response.getStatus();
        String body = readBody(response);
        return fromProblem(status, body);
    }

    static LoanServiceFailure fromProblem(int status, String body) {
        if (status == 401) {
            return new LoanServiceFailure(401, "Your session has ended. Please sign out and sign in again.");
        }
        if (status >= 500) {
            return new LoanServiceFailure(502,
                    "The loan service could not complete this just now, so nothing was changed. Please try again.");
        }
        String explained = problemText(body);
        if (explained != null) {
            return new LoanServiceFailure(status, explained);
        }
        return new LoanServiceFailure(status, switch (status) {
            case 403 -> "Your account may not do this.";
            case 404 -> "This consent no longer exists.";
            case 409 -> "This consent has changed in the meantime. Reload the page to see its current state.";
            case 429 -> "Too many requests in a short time. Please wait a moment and try again.";
            default -> "The loan service refused this request.";
        });
    }

    /** The problem's detail (or title), followed by its field errors, or null if the body is not a problem. */
    static String problemText(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (Exception notJson) {
            return null;
        }
        if (problem == null || !problem.isObject()) {
            return null;
        }
        String detail = text(problem.get("detail"));
        String headline = detail != null ? detail : text(problem.get("title"));
        List<String> fieldReasons = new ArrayList<>();
        JsonNode errors = problem.get("errors");
        if (errors != null && errors.isArray()) {
            for (JsonNode error : errors) {
                String field = text(error.get("field"));
                String reason = text(error.get("reason"));
                // "purpose must not contain control characters (purpose: must not contain …)" says it twice.
                if (reason != null && (headline == null || !headline.contains(reason))) {
                    fieldReasons.add(field == null ? reason : field + ": " + reason);
                }
            }
        }
        if (headline == null && fieldReasons.isEmpty()) {
            return null;
        }
        StringBuilder message = new StringBuilder(headline == null ? "The request was refused." : headline);
        if (!fieldReasons.isEmpty()) {
            message.append(" (").append(String.join("; ", fieldReasons)).append(')');
        }
        String readable = inWords(message.toString());
        return readable.length() <= MAX_MESSAGE_LENGTH ? readable : readable.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }

    /** loan-service names statuses as on the wire ("terminatedByBank"); the owner reads them as on the page. */
    static String inWords(String text) {
        String result = text;
        for (Map.Entry<String, String> status : STATUS_WORDS.entrySet()) {
            result = result.replace(status.getKey(), status.getValue());
        }
        return result;
    }

    private static String readBody(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(String.class) : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node == null || !node.isTextual() || node.asText().isBlank() ? null : node.asText().strip();
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
