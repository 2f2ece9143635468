package io.smecredit.loan.report.domain;

import io.smecredit.contracts.ScoreEvent;
import io.smecredit.contracts.SmeId;

import java.util.Optional;

/**
 * Decides whether a score event can enter the read model. A broken event is skipped rather than retried:
 * redelivering it would fail the same way and block every later score on its partition.
 */
public final class ScoreEventRules {

    // Column widths of sme_latest_score (V1 migration).
    static final int MAX_GRADE_LENGTH = 16;
    static final int MAX_MODEL_VERSION_LENGTH = 128;

    private ScoreEventRules() {
    }

    /** Why the event cannot be stored, or empty when it can. */
    public static Optional<String> rejectionReason(ScoreEvent event) {
        if (event == null) {
            return Optional.of("payload is not a readable ScoreEvent");
        }
        if (!SmeId.isValid(event.smeId())) {
            return Optional.of("smeId '" + event.smeId() + "' " + SmeId.RULE);
        }
        if (event.asOf() == null) {
            return Optional.of("asOf is missing");
        }
        if (Double.isNaN(event.pd()) || event.pd() < 0.0 || event.pd() > 1.0) {
            return Optional.of("pd " + event.pd() + " is not a probability in [0, 1]");
        }
        if (event.grade() == null || event.grade().isBlank() || event.grade().length() > MAX_GRADE_LENGTH) {
            return Optional.of("grade must be 1-" + MAX_GRADE_LENGTH + " characters");
        }
        if (event.modelVersion() == null || event.modelVersion().isBlank()
                || event.modelVersion().length() > MAX_MODEL_VERSION_LENGTH) {
            return Optional.of("modelVersion must be 1-" + MAX_MODEL_VERSION_LENGTH + " characters");
        }
        return Optional.empty();
    }
}
