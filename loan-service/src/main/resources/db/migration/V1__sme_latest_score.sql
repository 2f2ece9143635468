-- Read model: the latest credit score per SME, fed from the credit.scores.v1 topic.
CREATE TABLE sme_latest_score (
    sme_id        VARCHAR(64)      PRIMARY KEY,
    pd            DOUBLE PRECISION NOT NULL CHECK (pd >= 0 AND pd <= 1),
    score         INTEGER          NOT NULL,
    grade         VARCHAR(16)      NOT NULL,
    model_version VARCHAR(128)     NOT NULL,
    as_of         TIMESTAMPTZ      NOT NULL,
    updated_at    TIMESTAMPTZ      NOT NULL
);
