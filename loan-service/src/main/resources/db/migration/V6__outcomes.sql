-- What happened to a credit after the decision, as reported by the bank that applied. Append-only per application.
CREATE TABLE credit_outcome (
    event_id        UUID           PRIMARY KEY,
    application_id  UUID           NOT NULL REFERENCES credit_application (id) ON DELETE CASCADE,
    type            VARCHAR(16)    NOT NULL CHECK (type IN ('DISBURSED', 'REPAID', 'PAST_DUE', 'DEFAULTED')),
    outcome_date    DATE           NOT NULL,
    amount          NUMERIC(18, 2),
    days_past_due   INTEGER,
    recorded_at     TIMESTAMPTZ    NOT NULL
);
CREATE INDEX credit_outcome_application ON credit_outcome (application_id, recorded_at);
