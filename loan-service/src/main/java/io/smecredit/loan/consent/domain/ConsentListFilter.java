package io.smecredit.loan.consent.domain;

import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.loan.report.domain.SmeId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which of a bank's consents it asked to see: one SME's, and/or those in one status as of now (so {@code expired}
 * finds received or valid consents past their expiry, and {@code valid} only those still within it). Null means any.
 */
public record ConsentListFilter(String smeId, ConsentStatus status) {

    private static final String STATUSES = Arrays.stream(ConsentStatus.values()).map(ConsentStatus::wireName)
            .collect(Collectors.joining(", "));

    /** Parses the query parameters as sent; every bad one is named in the same problem. */
    public static ConsentListFilter of(String smeId, String status) {
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
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The consent list filters are not valid.",
                    errors);
        }
        return new ConsentListFilter(smeId, wanted);
    }

    public boolean accepts(Consent consent, Instant now) {
        return (smeId == null || smeId.equals(consent.smeId())) && (status == null || status == consent.statusAt(now));
    }
}
