package io.smecredit.loan.alert.domain;

public enum AlertType {
    /** The SME's grade fell by at least one letter. */
    GRADE_DOWNGRADE,
    /** The score fell by more than the configured number of points without a grade change. */
    SCORE_DROP,
    /** No production output for at least the configured number of days. */
    PRODUCTION_STOPPED
}
