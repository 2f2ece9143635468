package io.smecredit.loan.application.domain;

/** Credit products a bank can apply for on an SME's behalf. */
public enum Product {
    WORKING_CAPITAL,
    RECEIVABLES,
    EQUIPMENT
}
