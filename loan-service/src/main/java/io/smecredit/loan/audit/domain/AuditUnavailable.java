package io.smecredit.loan.audit.domain;

import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;

/**
 * What a caller is told when its audit record could not be written: the action was not carried out (a read is served
 * only once recorded, a write commits with its record), so it is safe to retry. A 503, not a 500: the request was
 * fine and nothing is broken in it; the database (or the chain's head, if someone wrote to the log outside the
 * service) is what failed, and operators find the cause in the log line.
 */
public final class AuditUnavailable {

    private AuditUnavailable() {
    }

    /** The failure to pass on: a problem already meant for the caller stays as it is; anything else becomes the 503. */
    public static Throwable of(Throwable failure) {
        if (failure instanceof ProblemException) {
            return failure;
        }
        return new ProblemException(ProblemType.DEPENDENCY_UNAVAILABLE,
                "The request could not be recorded in the audit trail, so it was not carried out. It is safe to"
                        + " retry; if this persists, contact the platform operator.");
    }
}
