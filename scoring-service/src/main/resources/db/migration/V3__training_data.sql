-- Point-in-time feature snapshots: every consumed feature vector as it was known at its as-of time. Training joins
-- them with outcomes that happened after asOf, so a model never learns from information it would not have had.
CREATE TABLE feature_snapshot (
    id             bigserial    PRIMARY KEY,
    sme_id         varchar(64)  NOT NULL,
    as_of          timestamptz  NOT NULL,
    schema_version integer      NOT NULL,
    features       text         NOT NULL,
    received_at    timestamptz  NOT NULL,
    CONSTRAINT feature_snapshot_sme_as_of_schema_uk UNIQUE (sme_id, as_of, schema_version)
);
CREATE INDEX feature_snapshot_as_of_idx ON feature_snapshot (schema_version, as_of);

-- Credit outcomes from Topics.OUTCOMES; event_id makes redelivery harmless.
CREATE TABLE credit_outcome (
    event_id       varchar(128) PRIMARY KEY,
    sme_id         varchar(64)  NOT NULL,
    application_id varchar(128),
    bank_id        varchar(64),
    type           varchar(16)  NOT NULL,
    outcome_date   date         NOT NULL,
    source         varchar(32),
    received_at    timestamptz  NOT NULL
);
CREATE INDEX credit_outcome_defaults_idx ON credit_outcome (sme_id, outcome_date) WHERE type = 'DEFAULTED';

-- What the challenger would have said about each consumed vector; never published, only compared.
CREATE TABLE shadow_score (
    id               bigserial        PRIMARY KEY,
    sme_id           varchar(64)      NOT NULL,
    as_of            timestamptz      NOT NULL,
    model_version    varchar(64)      NOT NULL,
    pd               double precision NOT NULL CHECK (pd >= 0 AND pd <= 1),
    score            integer          NOT NULL,
    grade            varchar(2)       NOT NULL,
    champion_version varchar(64)      NOT NULL,
    champion_pd      double precision NOT NULL,
    scored_at        timestamptz      NOT NULL,
    CONSTRAINT shadow_score_sme_as_of_model_uk UNIQUE (sme_id, as_of, model_version)
);
CREATE INDEX shadow_score_model_idx ON shadow_score (model_version, scored_at);

-- Principal reasons of each recorded score (JSON list of ScoreReason), so history shows why, not only what.
ALTER TABLE score_history ADD COLUMN reasons text;
CREATE INDEX score_history_model_as_of_idx ON score_history (model_version, as_of);
