package io.smecredit.loan.application.domain;

public enum Outcome {
    APPROVE,
    DECLINE,
    REFER
}
