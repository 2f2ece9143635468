-- When the consent became valid: the SME's approval of a bank's request, or the SME's direct grant. Null while it
-- never was: a request still waiting, rejected, expired unanswered or withdrawn by the bank. It tells a request the
-- bank withdrew from access the bank ended, both stored as terminatedByBank.
ALTER TABLE consent ADD COLUMN valid_from TIMESTAMPTZ;

-- Consents from before this column: a direct grant was valid from its creation; an approved request from the
-- approval the audit trail records for it.
UPDATE consent SET valid_from = created_at WHERE requested_by = 'sme';
UPDATE consent c SET valid_from = approved.at
FROM (SELECT resource_id, min(occurred_at) AS at FROM audit_log WHERE action = 'CONSENT_APPROVED' GROUP BY resource_id)
    AS approved
WHERE c.requested_by = 'bank' AND approved.resource_id = c.id::text;
