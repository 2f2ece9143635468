package io.smecredit.scoring.history.domain;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * The training label: an SME is a defaulter at a given as-of time if a DEFAULTED outcome is dated within the
 * {@link #HORIZON} after that day (the day itself excluded, so the vector cannot already reflect the default).
 * A row is used only once the whole horizon has passed, whichever its label: until then a non-defaulter's label is
 * unknown, and using the early defaulters alone would select rows by their outcome.
 */
public final class OutcomeLabel {

    public static final Period HORIZON = Period.ofMonths(12);
    public static final String DEFAULTED = "DEFAULTED";

    private OutcomeLabel() {
    }

    /** The latest as-of time whose label is known at {@code now}: its whole horizon has passed. */
    public static Instant labelledUntil(Instant now) {
        return now.atZone(ZoneOffset.UTC).minus(HORIZON).toInstant();
    }
}
