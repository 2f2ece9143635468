-- Principal reasons of the latest score, as the JSON array the scoring service published.
ALTER TABLE sme_latest_score ADD COLUMN reasons TEXT NOT NULL DEFAULT '[]';

-- Every score ever received, for the monthly trend of the credit report and for reproducing decisions.
CREATE TABLE sme_score_history (
    sme_id        VARCHAR(64)      NOT NULL,
    as_of         TIMESTAMPTZ      NOT NULL,
    pd            DOUBLE PRECISION NOT NULL,
    score         INTEGER          NOT NULL,
    grade         VARCHAR(16)      NOT NULL,
    model_version VARCHAR(128)     NOT NULL,
    PRIMARY KEY (sme_id, as_of)
);
