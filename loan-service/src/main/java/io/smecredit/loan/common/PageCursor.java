package io.smecredit.loan.common;

import io.smecredit.common.http.PageSize;
import io.smecredit.common.problem.Problem;

import java.util.List;
import java.util.UUID;

/**
 * The keyset-paging parameters of a listing: {@code before}, the id of the previous page's last entry (null for the
 * first page), and {@code limit}, the page size.
 */
public record PageCursor(UUID before, int limit) {

    /**
     * Both parameters as sent; each bad one adds its field error to {@code errors} (the caller names every bad
     * parameter of the listing in one problem).
     *
     * @param beforeRule what a valid {@code before} is, in the listing's words
     */
    public static PageCursor parse(String before, String limit, int maxLimit, String beforeRule,
                                   List<Problem.FieldError> errors) {
        UUID cursor = null;
        if (before != null) {
            try {
                cursor = UUID.fromString(before.strip());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("before", beforeRule));
            }
        }
        int pageSize = PageSize.parse(limit, maxLimit, maxLimit);
        if (pageSize < 0) {
            errors.add(new Problem.FieldError("limit", PageSize.rule(maxLimit)));
        }
        return new PageCursor(cursor, pageSize);
    }
}
