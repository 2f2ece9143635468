package io.smecredit.common.http;

import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;

import java.util.List;

/** The {@code limit} query parameter of a listing: how many entries a page holds, 1 to a listing's maximum. */
public final class PageSize {

    private PageSize() {
    }

    /** What a valid limit is, as the problem's {@code errors[].reason} says it. */
    public static String rule(int max) {
        return "must be a whole number from 1 to " + max;
    }

    /** The size asked for, {@code defaultSize} when none is, or -1 when it is not a whole number from 1 to max. */
    public static int parse(String limit, int defaultSize, int max) {
        if (limit == null) {
            return defaultSize;
        }
        try {
            int size = Integer.parseInt(limit.strip());
            return size >= 1 && size <= max ? size : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** As {@link #parse}, for a listing whose only checked parameter is the limit: a bad one is a 400 naming it. */
    public static int require(String limit, int defaultSize, int max) {
        int size = parse(limit, defaultSize, max);
        if (size < 0) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "limit " + rule(max) + ", got '" + limit + "'",
                    List.of(new Problem.FieldError("limit", rule(max))));
        }
        return size;
    }
}
