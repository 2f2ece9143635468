-- Append-only audit log: each record carries the hash of the previous one, so an edited, inserted or deleted
-- record breaks the chain at that point. The single head row is locked by every writer, which gives the chain one
-- total order even with many service instances.
CREATE TABLE audit_chain_head (
    id        SMALLINT PRIMARY KEY CHECK (id = 1),
    last_seq  BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL
);
INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, 0, repeat('0', 64));

CREATE TABLE audit_log (
    seq         BIGINT       PRIMARY KEY,
    occurred_at TIMESTAMPTZ  NOT NULL,
    actor_type  VARCHAR(16)  NOT NULL,
    actor_id    VARCHAR(128) NOT NULL,
    action      VARCHAR(64)  NOT NULL,
    sme_id      VARCHAR(64),
    resource_id VARCHAR(128),
    details     TEXT         NOT NULL,
    prev_hash   CHAR(64)     NOT NULL,
    hash        CHAR(64)     NOT NULL
);
CREATE INDEX audit_log_sme ON audit_log (sme_id, seq) WHERE sme_id IS NOT NULL;

-- The application only ever inserts; refusing UPDATE and DELETE makes an accidental edit fail loudly. (A
-- deliberate edit by the table owner is still possible, and the hash chain is what detects it.)
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
