-- Every credit policy version this service has put in force, with its rules. A version names one set of rules for
-- good: decisions record the version they applied, so a file that reuses a version with other rules would make two
-- decisions "under the same policy" follow different rules. The service refuses to start with such a file.
CREATE TABLE credit_policy (
    version         TEXT PRIMARY KEY,
    rules           JSONB NOT NULL,
    first_in_force  TIMESTAMPTZ NOT NULL
);

CREATE FUNCTION credit_policy_is_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'credit policy versions are immutable: give changed rules a new version';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER credit_policy_immutable BEFORE UPDATE OR DELETE ON credit_policy
    FOR EACH ROW EXECUTE FUNCTION credit_policy_is_immutable();
