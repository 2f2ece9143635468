-- Each bank's alerts are numbered on their own: the number is the alert's id in the feed and webhooks, and the feed's
-- cursor. With one sequence for all banks, the gaps between a bank's own alert ids counted the other banks' alerts.
ALTER TABLE alert ADD COLUMN seq BIGINT;
UPDATE alert a SET seq = numbered.seq
FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY bank_id ORDER BY id) AS seq FROM alert) numbered
WHERE numbered.id = a.id;
ALTER TABLE alert ALTER COLUMN seq SET NOT NULL;
CREATE UNIQUE INDEX alert_bank_seq ON alert (bank_id, seq);
