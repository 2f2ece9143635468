-- Latest feature vector per SME from the compacted features topic: the production facts policy rules need.
CREATE TABLE sme_latest_features (
    sme_id         VARCHAR(64) PRIMARY KEY,
    as_of          TIMESTAMPTZ NOT NULL,
    schema_version INTEGER     NOT NULL,
    features       TEXT        NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

-- Idempotency keys per bank (Stripe semantics). The row is inserted in the same transaction that creates the
-- application, so a concurrent duplicate waits on the primary key and then finds the stored response.
CREATE TABLE idempotency_key (
    bank_id         VARCHAR(64)  NOT NULL,
    idem_key        VARCHAR(255) NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    response_status INTEGER,
    response_body   TEXT,
    created_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (bank_id, idem_key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);

-- A credit application and its decision, written once. Inputs hold everything the decision was computed from
-- (score, features, the policy rules themselves), so it can be recomputed and explained later.
CREATE TABLE credit_application (
    id              UUID           PRIMARY KEY,
    bank_id         VARCHAR(64)    NOT NULL,
    sme_id          VARCHAR(64)    NOT NULL,
    product         VARCHAR(32)    NOT NULL,
    amount          NUMERIC(18, 2) NOT NULL CHECK (amount > 0),
    currency        CHAR(3)        NOT NULL,
    term_months     INTEGER        NOT NULL CHECK (term_months > 0),
    created_at      TIMESTAMPTZ    NOT NULL,
    decision        VARCHAR(16)    NOT NULL CHECK (decision IN ('APPROVE', 'DECLINE', 'REFER')),
    limit_amount    NUMERIC(18, 2) NOT NULL,
    price_rate_bps  INTEGER,
    reasons         TEXT           NOT NULL,
    inputs          TEXT           NOT NULL,
    model_version   VARCHAR(128),
    policy_version  VARCHAR(64)    NOT NULL,
    retain_until    TIMESTAMPTZ    NOT NULL
);
CREATE INDEX credit_application_bank ON credit_application (bank_id, created_at);
CREATE INDEX credit_application_retention ON credit_application (retain_until);

-- Decisions are immutable; only the retention purge may delete them.
CREATE FUNCTION credit_application_is_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'credit decisions are immutable';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER credit_application_immutable BEFORE UPDATE ON credit_application
    FOR EACH ROW EXECUTE FUNCTION credit_application_is_immutable();
