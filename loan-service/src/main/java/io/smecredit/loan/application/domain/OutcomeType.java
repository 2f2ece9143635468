package io.smecredit.loan.application.domain;

public enum OutcomeType {
    DISBURSED,
    REPAID,
    PAST_DUE,
    DEFAULTED
}
