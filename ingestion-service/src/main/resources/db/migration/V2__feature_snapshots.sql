-- Daily point-in-time feature snapshots: the last vector of each SME whose asOf (event time) fell on that day, i.e.
-- the features as known at the end of the day. Rows of past days stop changing once an SME's data moves to a later
-- day, so training on "features as of D" never sees data from after D.
CREATE TABLE feature_snapshot (
    sme_id         VARCHAR(128) NOT NULL,
    day            DATE         NOT NULL,
    as_of          TIMESTAMPTZ  NOT NULL,
    schema_version INTEGER      NOT NULL,
    features       JSONB        NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (sme_id, day)
);
