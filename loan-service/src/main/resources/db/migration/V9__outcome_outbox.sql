-- Transactional outbox of outcome events: a row is written in the same transaction as the outcome, and a relay
-- publishes it to credit.outcomes.v1 after the commit, then marks it sent. A crash between publish and mark sends it
-- again; consumers deduplicate by eventId (the outcome's id).
CREATE TABLE outcome_outbox (
    event_id        UUID        PRIMARY KEY REFERENCES credit_outcome (event_id) ON DELETE CASCADE,
    sme_id          VARCHAR(64) NOT NULL,
    payload         TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    sent_at         TIMESTAMPTZ
);
CREATE INDEX outcome_outbox_due ON outcome_outbox (next_attempt_at) WHERE sent_at IS NULL;
