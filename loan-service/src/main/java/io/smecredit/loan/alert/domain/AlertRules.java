package io.smecredit.loan.alert.domain;

import io.smecredit.loan.application.domain.CreditPolicy;

import java.util.Optional;

/** When a change in an SME's score or production deserves an early warning. */
public final class AlertRules {

    private AlertRules() {
    }

    /** The alert a newer score raises against the previous one, if any. A grade fall outranks a score drop. */
    public static Optional<AlertType> onScore(String previousGrade, int previousScore, String grade, int score,
                                              int scoreDropThreshold) {
        if (CreditPolicy.worseThan(grade, previousGrade)) {
            return Optional.of(AlertType.GRADE_DOWNGRADE);
        }
        if (previousScore - score > scoreDropThreshold) {
            return Optional.of(AlertType.SCORE_DROP);
        }
        return Optional.empty();
    }

    /** Production stopping is reported once, when the days without output first reach the threshold. */
    public static boolean productionStopped(Double previousDaysWithoutOutput, Double daysWithoutOutput,
                                            int thresholdDays) {
        boolean stoppedNow = daysWithoutOutput != null && daysWithoutOutput >= thresholdDays;
        boolean stoppedBefore = previousDaysWithoutOutput != null && previousDaysWithoutOutput >= thresholdDays;
        return stoppedNow && !stoppedBefore;
    }
}
