package io.smecredit.scoring.history.domain;

import java.time.Period;

/**
 * The training label: an SME is a defaulter at a given as-of time if a DEFAULTED outcome is dated within the
 * {@link #HORIZON} after that day (the day itself excluded, so the vector cannot already reflect the default).
 * Without such an outcome the row is a non-defaulter only once the whole horizon has passed; until then its label
 * is unknown and the row is not used.
 */
public final class OutcomeLabel {

    public static final Period HORIZON = Period.ofMonths(12);
    public static final String DEFAULTED = "DEFAULTED";

    private OutcomeLabel() {
    }
}
