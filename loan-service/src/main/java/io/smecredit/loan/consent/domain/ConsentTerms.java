package io.smecredit.loan.consent.domain;

import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.loan.common.ConsentScope;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What a consent allows, for what and until when; validated once, whoever proposes it. */
public record ConsentTerms(Set<ConsentScope> scopes, String purpose, Instant expiresAt) {

    /** Consents are for at most one year (plus a minute of clock slack between client and server). */
    public static final Duration MAX_DURATION = Duration.ofDays(365).plusMinutes(1);
    public static final int MAX_PURPOSE_LENGTH = 500;

    /** Validates raw request values; throws a validation problem naming every wrong field. */
    public static ConsentTerms parse(List<String> scopes, String purpose, Instant expiresAt, Instant now) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<ConsentScope> parsed = EnumSet.noneOf(ConsentScope.class);
        if (scopes == null || scopes.isEmpty()) {
            errors.add(new Problem.FieldError("scopes", "must name at least one of " + allScopes()));
        } else {
            for (String scope : scopes) {
                Optional<ConsentScope> known = ConsentScope.fromWireName(scope);
                if (known.isEmpty()) {
                    errors.add(new Problem.FieldError("scopes", "'" + scope + "' is not one of " + allScopes()));
                } else {
                    parsed.add(known.get());
                }
            }
        }
        if (purpose == null || purpose.isBlank()) {
            errors.add(new Problem.FieldError("purpose", "must state why the bank needs the data"));
        } else if (purpose.length() > MAX_PURPOSE_LENGTH) {
            errors.add(new Problem.FieldError("purpose", "must be at most " + MAX_PURPOSE_LENGTH + " characters"));
        } else if (hasControlCharacters(purpose)) {
            // PostgreSQL text cannot hold NUL at all, and other control characters have no place in a purpose an SME
            // reads in the portal; line breaks and tabs are fine.
            errors.add(new Problem.FieldError("purpose", "must not contain control characters"));
        }
        if (expiresAt == null) {
            errors.add(new Problem.FieldError("expiresAt", "is required (ISO-8601 instant, at most one year ahead)"));
        } else if (!expiresAt.isAfter(now)) {
            errors.add(new Problem.FieldError("expiresAt", "must be in the future"));
        } else if (expiresAt.isAfter(now.plus(MAX_DURATION))) {
            errors.add(new Problem.FieldError("expiresAt", "must be at most one year ahead"));
        }
        if (!errors.isEmpty()) {
            String detail = errors.stream().map(e -> e.field() + " " + e.reason()).collect(Collectors.joining("; "));
            throw new ProblemException(ProblemType.VALIDATION_FAILED, detail, errors);
        }
        return new ConsentTerms(parsed, purpose.strip(), expiresAt);
    }

    private static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
    }

    private static String allScopes() {
        return EnumSet.allOf(ConsentScope.class).stream().map(ConsentScope::wireName)
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
