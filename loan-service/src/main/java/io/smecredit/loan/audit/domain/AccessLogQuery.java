package io.smecredit.loan.audit.domain;

import io.smecredit.common.http.PageSize;
import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;

import java.util.ArrayList;
import java.util.List;

/**
 * One page of an SME's access log, newest first: the records older than {@code beforeSeq} (all of them when the
 * caller names no cursor), at most {@code limit}. The cursor is a record's sequence number, so pages stay stable
 * while new records arrive at the head of the log.
 */
public record AccessLogQuery(long beforeSeq, int limit) {

    public static final int MAX_LIMIT = 200;

    /** Parses the query parameters as sent; every bad one is named in the same problem. */
    public static AccessLogQuery of(String before, String limit) {
        List<Problem.FieldError> errors = new ArrayList<>();
        long beforeSeq = Long.MAX_VALUE;
        if (before != null) {
            beforeSeq = parse(before, 1, Long.MAX_VALUE);
            if (beforeSeq < 0) {
                errors.add(new Problem.FieldError("before",
                        "must be the seq of a record (a positive whole number), as in the Link header"));
            }
        }
        int pageSize = PageSize.parse(limit, MAX_LIMIT, MAX_LIMIT);
        if (pageSize < 0) {
            errors.add(new Problem.FieldError("limit", PageSize.rule(MAX_LIMIT)));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED,
                    "The access-log query parameters are not valid.", errors);
        }
        return new AccessLogQuery(beforeSeq, pageSize);
    }

    /** The value, or -1 when it is not a whole number within [min, max]. */
    private static long parse(String text, long min, long max) {
        try {
            long value = Long.parseLong(text.strip());
            return value >= min && value <= max ? value : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether a page of {@code size} records may have older records after it. */
    public boolean mayHaveMore(int size) {
        return size == limit;
    }
}
