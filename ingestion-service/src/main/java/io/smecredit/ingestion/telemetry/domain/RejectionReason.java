package io.smecredit.ingestion.telemetry.domain;

/** Why a field of an event was rejected; the code is stable, so gateways and dashboards can branch on it. */
public enum RejectionReason {
    MALFORMED_JSON("malformed_json"),
    NOT_AN_OBJECT("not_an_object"),
    /** A field of the format given twice in one event: which one the gateway meant is anybody's guess. */
    DUPLICATE_FIELD("duplicate_field"),
    MISSING("missing"),
    WRONG_TYPE("wrong_type"),
    BLANK("blank"),
    TOO_LONG("too_long"),
    INVALID_TIMESTAMP("invalid_timestamp"),
    IN_FUTURE("in_future"),
    TOO_LATE("too_late"),
    NOT_FINITE("not_finite"),
    NEGATIVE("negative"),
    /** A count beyond what a 64-bit integer holds (no machine reports that many units in an hour). */
    TOO_LARGE("too_large"),
    INTERVAL_TOO_LONG("interval_too_long"),
    MORE_REJECTED_THAN_PRODUCED("more_rejected_than_produced"),
    UNKNOWN_SME("unknown_sme"),
    UNKNOWN_MACHINE("unknown_machine"),
    /** The sender is bound to another SME (gateway token's sme_id claim, or a demo gateway outside the demo SMEs). */
    FOREIGN_SME("foreign_sme"),
    /** An MQTT message's event names another SME than the topic it was published on. */
    TOPIC_MISMATCH("topic_mismatch");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
