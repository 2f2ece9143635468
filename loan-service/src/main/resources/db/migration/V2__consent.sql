-- Consents: which bank may see which SME's data, for what purpose, which scopes and until when.
-- Rows are never deleted: a revoked or terminated consent is history the SME and the bank can both show.
CREATE TABLE consent (
    id           UUID         PRIMARY KEY,
    sme_id       VARCHAR(64)  NOT NULL,
    bank_id      VARCHAR(64)  NOT NULL,
    scopes       VARCHAR(128) NOT NULL,
    purpose      VARCHAR(500) NOT NULL,
    status       VARCHAR(32)  NOT NULL
        CHECK (status IN ('received', 'valid', 'rejected', 'revokedBySme', 'terminatedByBank')),
    requested_by VARCHAR(8)   NOT NULL CHECK (requested_by IN ('bank', 'sme')),
    expires_at   TIMESTAMPTZ  NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL
);
-- The consent guard runs on every bank request touching an SME.
CREATE INDEX consent_bank_sme ON consent (bank_id, sme_id) WHERE status = 'valid';
CREATE INDEX consent_sme ON consent (sme_id);
CREATE INDEX consent_bank ON consent (bank_id);
