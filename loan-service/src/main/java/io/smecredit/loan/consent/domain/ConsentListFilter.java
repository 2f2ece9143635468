package io.smecredit.loan.consent.domain;

import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.loan.common.PageCursor;
import io.smecredit.contracts.SmeId;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which of a bank's consents it asked to see, newest first, one page at a time: one SME's, and/or those in one status
 * as of now (so {@code expired} finds received or valid consents past their expiry, and {@code valid} only those still
 * within it); null means any. A page holds at most {@code limit} consents created before the consent {@code before}
 * (the last one of the previous page; null for the first page), so pages stay stable while new consents arrive.
 */
public record ConsentListFilter(String smeId, ConsentStatus status, UUID before, int limit) {

    public static final int MAX_LIMIT = 200;
    private static final String BEFORE_RULE = "must be the id of one of your consents, as in the Link header";
    private static final String STATUSES = Arrays.stream(ConsentStatus.values()).map(ConsentStatus::wireName)
            .collect(Collectors.joining(", "));

    /** Parses the query parameters as sent; every bad one is named in the same problem. */
    public static ConsentListFilter of(String smeId, String status, String before, String limit) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (smeId != null && !SmeId.isValid(smeId)) {
            errors.add(new Problem.FieldError("smeId", SmeId.RULE));
        }
        ConsentStatus wanted = null;
        if (status != null) {
            try {
                wanted = ConsentStatus.fromWireName(status);
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("status", "must be one of " + STATUSES));
            }
        }
        PageCursor page = PageCursor.parse(before, limit, MAX_LIMIT, BEFORE_RULE, errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new ConsentListFilter(smeId, wanted, page.before(), page.limit());
    }

    /** {@code before} is well formed but names no consent of the calling bank (another bank's is as unknown). */
    public static ProblemException unknownBefore() {
        return invalid(List.of(new Problem.FieldError("before", BEFORE_RULE)));
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "The consent list filters are not valid.", errors);
    }

    /** Whether a page of {@code size} consents may have older ones after it. */
    public boolean mayHaveMore(int size) {
        return size == limit;
    }
}
