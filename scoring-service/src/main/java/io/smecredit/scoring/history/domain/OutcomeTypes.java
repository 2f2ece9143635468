package io.smecredit.scoring.history.domain;

import java.util.Set;

/** The outcome types of the OutcomeEvent contract. */
public final class OutcomeTypes {

    public static final Set<String> ALL = Set.of("DISBURSED", "REPAID", "PAST_DUE", OutcomeLabel.DEFAULTED);

    private OutcomeTypes() {
    }
}
