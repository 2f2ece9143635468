-- The model registry: every model this service may serve, with what an auditor needs to reproduce and judge it.
CREATE TABLE model (
    version                varchar(64)  PRIMARY KEY,
    status                 varchar(16)  NOT NULL
        CHECK (status IN ('candidate', 'champion', 'challenger', 'retired')),
    data_fingerprint       varchar(128) NOT NULL,
    parameters             text         NOT NULL,
    feature_names          text         NOT NULL,
    feature_schema_version integer      NOT NULL,
    metrics                text         NOT NULL,
    training_rows          integer      NOT NULL,
    source                 varchar(32)  NOT NULL,
    created_by             varchar(128) NOT NULL,
    created_at             timestamptz  NOT NULL,
    status_changed_at      timestamptz  NOT NULL
);

-- JSON documents are kept as text: written and read whole, never queried into.

-- The whole versioned model (booster JSON, calibration, baseline bins, ...) exactly as ModelArtifactJson wrote it,
-- apart from the metadata so that listing models does not read megabytes of trees.
CREATE TABLE model_artifact (
    version       varchar(64) PRIMARY KEY REFERENCES model (version),
    artifact_json text        NOT NULL
);

-- At most one champion and one challenger, whatever several instances do concurrently: the loser of a race gets a
-- unique violation instead of a second champion.
CREATE UNIQUE INDEX model_single_champion_uk ON model (status) WHERE status = 'champion';
CREATE UNIQUE INDEX model_single_challenger_uk ON model (status) WHERE status = 'challenger';

-- Every status change, in order: the audit trail, and what rollback reads to find the previous champion.
CREATE TABLE model_status_change (
    id          bigserial    PRIMARY KEY,
    version     varchar(64)  NOT NULL REFERENCES model (version),
    from_status varchar(16),
    to_status   varchar(16)  NOT NULL,
    changed_by  varchar(128) NOT NULL,
    changed_at  timestamptz  NOT NULL,
    note        text
);
CREATE INDEX model_status_change_to_status_idx ON model_status_change (to_status, id DESC);

-- Asynchronous training from platform history; progress is written by the training thread as it goes.
CREATE TABLE training_job (
    id             uuid         PRIMARY KEY,
    status         varchar(16)  NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    stage          varchar(200),
    done           integer      NOT NULL DEFAULT 0,
    total          integer      NOT NULL DEFAULT 0,
    request        text         NOT NULL,
    requested_by   varchar(128) NOT NULL,
    requested_at   timestamptz  NOT NULL,
    started_at     timestamptz,
    finished_at    timestamptz,
    failure_reason text,
    model_version  varchar(64)  REFERENCES model (version)
);
