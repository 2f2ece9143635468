package io.smecredit.ingestion.telemetry.domain;

/** Why a field of an event was rejected; the code is stable, so gateways and dashboards can branch on it. */
public enum RejectionReason {
    NOT_AN_OBJECT("not_an_object"),
    MISSING("missing"),
    WRONG_TYPE("wrong_type"),
    BLANK("blank"),
    TOO_LONG("too_long"),
    INVALID_TIMESTAMP("invalid_timestamp"),
    IN_FUTURE("in_future"),
    NOT_FINITE("not_finite"),
    NEGATIVE("negative"),
    INTERVAL_TOO_LONG("interval_too_long"),
    MORE_REJECTED_THAN_PRODUCED("more_rejected_than_produced"),
    UNKNOWN_SME("unknown_sme"),
    UNKNOWN_MACHINE("unknown_machine");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
