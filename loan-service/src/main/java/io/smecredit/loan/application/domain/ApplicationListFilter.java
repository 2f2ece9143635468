package io.smecredit.loan.application.domain;

import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.loan.common.PageCursor;
import io.smecredit.contracts.SmeId;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Which of a bank's applications for one SME it asked to see, newest first, one page at a time: at most {@code limit}
 * created before the application {@code before} (the last one of the previous page; null for the first page), so
 * pages stay stable while new applications arrive.
 */
public record ApplicationListFilter(String smeId, UUID before, int limit) {

    public static final int MAX_LIMIT = 100;
    private static final String BEFORE_RULE = "must be the id of one of your applications for this SME, as in the "
            + "Link header";

    /** Parses the query parameters as sent; every bad one is named in the same problem. */
    public static ApplicationListFilter of(String smeId, String before, String limit) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (smeId == null) {
            errors.add(new Problem.FieldError("smeId", "is required: applications are listed per SME"));
        } else if (!SmeId.isValid(smeId)) {
            errors.add(new Problem.FieldError("smeId", SmeId.RULE));
        }
        PageCursor page = PageCursor.parse(before, limit, MAX_LIMIT, BEFORE_RULE, errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new ApplicationListFilter(smeId, page.before(), page.limit());
    }

    /** {@code before} is well formed but names no application of the calling bank for this SME. */
    public static ProblemException unknownBefore() {
        return invalid(List.of(new Problem.FieldError("before", BEFORE_RULE)));
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + " " + errors.get(0).reason() + "."
                : "The application list parameters are not valid.";
        return new ProblemException(ProblemType.VALIDATION_FAILED, detail, errors);
    }

    /** Whether a page of {@code size} applications may have older ones after it. */
    public boolean mayHaveMore(int size) {
        return size == limit;
    }
}
