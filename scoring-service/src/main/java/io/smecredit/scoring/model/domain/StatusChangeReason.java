package io.smecredit.scoring.model.domain;

import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.common.text.PlainText;

import java.util.List;

/**
 * Why an operator promoted, rolled back or retired a model, in their own words, kept in the status history next to
 * what the registry itself notes (parity verdict, displaced model). Optional; one line of plain text.
 */
public final class StatusChangeReason {

    public static final int MAX_LENGTH = 500;
    static final String RULE = "must be one line of at most " + MAX_LENGTH + " characters, without control characters";

    private StatusChangeReason() {
    }

    /** The reason as it will be recorded: stripped, or null when none was given (absent or blank). */
    public static String parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String reason = raw.strip();
        boolean printable = reason.codePoints().noneMatch(Character::isISOControl)
                && !PlainText.hasInvisibleFormatting(reason) && !PlainText.hasUnpairedSurrogates(reason);
        if (!printable || reason.codePointCount(0, reason.length()) > MAX_LENGTH) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "reason " + RULE + ".",
                    List.of(new Problem.FieldError("reason", RULE)));
        }
        return reason;
    }
}
