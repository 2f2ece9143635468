-- One row per SME, feature as-of time and model: redelivered feature vectors must not add rows.
CREATE TABLE score_history (
    id            bigserial        PRIMARY KEY,
    sme_id        varchar(64)      NOT NULL,
    pd            double precision NOT NULL CHECK (pd >= 0 AND pd <= 1),
    score         integer          NOT NULL CHECK (score BETWEEN 300 AND 900),
    grade         varchar(2)       NOT NULL,
    model_version varchar(64)      NOT NULL,
    as_of         timestamptz      NOT NULL,
    scored_at     timestamptz      NOT NULL,
    CONSTRAINT score_history_sme_as_of_model_uk UNIQUE (sme_id, as_of, model_version)
);

-- The unique index leads with sme_id but the history endpoint sorts by as_of descending within one SME.
CREATE INDEX score_history_sme_newest_idx ON score_history (sme_id, as_of DESC, id DESC);
