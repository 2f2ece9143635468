package io.smecredit.loan.report.domain;

/** What happened to a score event offered to the read model. */
public enum RecordOutcome {
    /** It is now the SME's latest score (or repeated the one already stored). */
    APPLIED,
    /** A score with a later asOf was already stored, so this one was ignored. */
    STALE
}
