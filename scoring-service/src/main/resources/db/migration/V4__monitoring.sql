-- One monitoring report per model and as-of day: PSI of every feature and of the score against the model's
-- training baseline, and performance once outcomes have matured.
CREATE TABLE monitoring_report (
    id             bigserial        PRIMARY KEY,
    model_version  varchar(64)      NOT NULL,
    day            date             NOT NULL,
    rows_scored    integer          NOT NULL,
    score_psi      double precision,
    feature_psi    text         NOT NULL,
    matured_rows   integer          NOT NULL,
    auc            double precision,
    ks             double precision,
    computed_at    timestamptz      NOT NULL,
    CONSTRAINT monitoring_report_model_day_uk UNIQUE (model_version, day)
);

-- One alert per model, day and subject (feature or "score"), however often the job runs.
CREATE TABLE drift_alert (
    id            varchar(200)     PRIMARY KEY,
    model_version varchar(64)      NOT NULL,
    day           date             NOT NULL,
    subject       varchar(100)     NOT NULL,
    psi           double precision NOT NULL,
    threshold     double precision NOT NULL,
    rows_scored   integer          NOT NULL,
    raised_at     timestamptz      NOT NULL,
    published     boolean          NOT NULL DEFAULT false
);
CREATE INDEX drift_alert_raised_idx ON drift_alert (raised_at DESC);
