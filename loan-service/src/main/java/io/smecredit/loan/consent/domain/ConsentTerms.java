package io.smecredit.loan.consent.domain;

import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.common.text.PlainText;
import io.smecredit.loan.common.ConsentScope;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
        return parse(scopes, purpose, expiresAt, now, List.of());
    }

    /**
     * As {@link #parse(List, String, Instant, Instant)}, with the errors the caller found in the request's other
     * fields (the SME, the bank), so that one answer names every wrong field of the request.
     */
    public static ConsentTerms parse(List<String> scopes, String purpose, Instant expiresAt, Instant now,
                                     List<Problem.FieldError> otherFieldErrors) {
        List<Problem.FieldError> errors = new ArrayList<>(otherFieldErrors);
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
        // The summary is a part of the credit report: alone it would be a consent that lets the bank read nothing.
        if (parsed.contains(ConsentScope.FEATURES_SUMMARY) && !parsed.contains(ConsentScope.CREDIT_REPORT)) {
            errors.add(new Problem.FieldError("scopes", "'" + ConsentScope.FEATURES_SUMMARY.wireName()
                    + "' adds the features summary to the credit report, so it needs '"
                    + ConsentScope.CREDIT_REPORT.wireName() + "' too"));
        }
        if (purpose == null || purpose.isBlank()) {
            errors.add(new Problem.FieldError("purpose", "must state why the bank needs the data"));
        } else if (purpose.codePointCount(0, purpose.length()) > MAX_PURPOSE_LENGTH) {
            errors.add(new Problem.FieldError("purpose", "must be at most " + MAX_PURPOSE_LENGTH + " characters"));
        } else if (hasControlCharacters(purpose)) {
            // PostgreSQL text cannot hold NUL at all, and other control characters have no place in a purpose an SME
            // reads in the portal; line breaks and tabs are fine.
            errors.add(new Problem.FieldError("purpose", "must not contain control characters"));
        } else if (PlainText.hasInvisibleFormatting(purpose)) {
            // Shown to the SME in the portal: a right-to-left override displays the text reversed, zero-width and tag
            // characters hide text, so a bank could disguise its purpose.
            errors.add(new Problem.FieldError("purpose", "must not contain invisible formatting characters (such as "
                    + "U+200B zero-width space, U+200F right-to-left mark, U+202E right-to-left override, U+2028 line "
                    + "separator)"));
        } else if (PlainText.hasUnpairedSurrogates(purpose)) {
            // Not a character at all; stored, it would silently become '?'.
            errors.add(new Problem.FieldError("purpose", "must be valid Unicode text (it has an unpaired surrogate)"));
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
        // Kept to the microsecond, as stored: the answer to the request must read the same when fetched later.
        return new ConsentTerms(parsed, purpose.strip(), expiresAt.truncatedTo(ChronoUnit.MICROS));
    }

    private static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
    }

    private static String allScopes() {
        return EnumSet.allOf(ConsentScope.class).stream().map(ConsentScope::wireName)
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
