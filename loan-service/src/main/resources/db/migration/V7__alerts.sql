-- Early-warning alerts, one row per bank that held a valid monitoring consent when the alert was raised. The id is
-- the feed cursor; alert-raising transactions take an advisory lock so ids become visible in increasing order and a
-- poller never skips one.
CREATE TABLE alert (
    id          BIGSERIAL   PRIMARY KEY,
    bank_id     VARCHAR(64) NOT NULL,
    sme_id      VARCHAR(64) NOT NULL,
    type        VARCHAR(32) NOT NULL CHECK (type IN ('GRADE_DOWNGRADE', 'SCORE_DROP', 'PRODUCTION_STOPPED')),
    details     TEXT        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX alert_bank ON alert (bank_id, id);

-- One webhook per bank. The secret signs deliveries (HMAC-SHA256), so it is kept, not hashed.
CREATE TABLE webhook (
    bank_id    VARCHAR(64)  PRIMARY KEY,
    url        VARCHAR(2048) NOT NULL,
    secret     VARCHAR(128) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL
);

-- Outbox of webhook deliveries, retried with backoff by the delivery worker.
CREATE TABLE webhook_delivery (
    alert_id        BIGINT      PRIMARY KEY REFERENCES alert (id) ON DELETE CASCADE,
    bank_id         VARCHAR(64) NOT NULL,
    status          VARCHAR(16) NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    delivered_at    TIMESTAMPTZ
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
