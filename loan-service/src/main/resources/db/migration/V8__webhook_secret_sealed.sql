-- Webhook signing secrets are kept encrypted (AES-GCM, key outside the database: LOAN_WEBHOOK_SECRET_KEY). Rows
-- written before this version still hold the plaintext; the service seals them at startup and clears the plaintext
-- column, which a later version drops once every deployment has run that step.
ALTER TABLE webhook ADD COLUMN secret_sealed VARCHAR(512);
ALTER TABLE webhook ALTER COLUMN secret DROP NOT NULL;
ALTER TABLE webhook ADD CONSTRAINT webhook_secret_present CHECK (secret IS NOT NULL OR secret_sealed IS NOT NULL);
