-- A grade downgrade looks for the bank's recent downgrade alerts of the same SME before raising another.
CREATE INDEX alert_sme_type ON alert (sme_id, type, occurred_at);
