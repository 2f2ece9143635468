package io.smecredit.loan.audit.domain;

import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.contracts.SmeId;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One page of the whole audit log for operators and auditors, newest first: records older than {@code page}'s cursor,
 * optionally only those about one SME, by one actor, or of one action (null: any).
 */
public record AuditQuery(String smeId, String actor, String action, AccessLogQuery page) {

    // As long as the longest value filtered on: an actor's name (a Keycloak username or client id) is up to 255.
    private static final int MAX_FILTER_LENGTH = 255;
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]+");

    /** Parses the query parameters as sent; every bad one is named in the same problem. */
    public static AuditQuery of(String smeId, String actor, String action, String before, String limit) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String sme = filter("smeId", smeId, errors);
        if (sme != null && !SmeId.isValid(sme)) {
            // As everywhere else in the API: a malformed id is a mistake to point out, not an SME without records.
            errors.add(new Problem.FieldError("smeId", SmeId.RULE));
        }
        String who = filter("actor", actor, errors);
        String what = filter("action", action, errors);
        AccessLogQuery page;
        try {
            page = AccessLogQuery.of(before, limit);
        } catch (ProblemException e) {
            errors.addAll(e.problem().errors());
            page = null;
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The audit query parameters are not valid.",
                    errors);
        }
        return new AuditQuery(sme, who, what, page);
    }

    private static String filter(String name, String value, List<Problem.FieldError> errors) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_FILTER_LENGTH || !PRINTABLE.matcher(value).matches()) {
            errors.add(new Problem.FieldError(name, "must be 1 to " + MAX_FILTER_LENGTH
                    + " printable characters without spaces, matched exactly"));
            return null;
        }
        return value;
    }
}
