-- What the registry says a model is, and the history of what was served and who decided it, are never edited: a
-- registered model's facts (fingerprint, parameters, features, metrics, creator) are frozen and only its status moves;
-- status changes and stored artifacts are append-only; models are retired, never deleted. As with the loan service's
-- audit log, the table owner could still lift a trigger on purpose; these make an application or accidental edit fail
-- loudly instead of silently changing what an auditor reads (docs/scoring.md, "Registry").
CREATE FUNCTION model_registry_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER model_status_change_append_only BEFORE UPDATE OR DELETE ON model_status_change
    FOR EACH ROW EXECUTE FUNCTION model_registry_is_append_only();
CREATE TRIGGER model_artifact_append_only BEFORE UPDATE OR DELETE ON model_artifact
    FOR EACH ROW EXECUTE FUNCTION model_registry_is_append_only();

CREATE FUNCTION model_facts_are_frozen() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'models are never deleted, only retired';
    END IF;
    IF (NEW.version, NEW.data_fingerprint, NEW.parameters, NEW.feature_names, NEW.feature_schema_version,
        NEW.metrics, NEW.training_rows, NEW.source, NEW.created_by, NEW.created_at)
       IS DISTINCT FROM
       (OLD.version, OLD.data_fingerprint, OLD.parameters, OLD.feature_names, OLD.feature_schema_version,
        OLD.metrics, OLD.training_rows, OLD.source, OLD.created_by, OLD.created_at) THEN
        RAISE EXCEPTION 'a registered model''s facts are frozen: only its status changes';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER model_facts_frozen BEFORE UPDATE OR DELETE ON model
    FOR EACH ROW EXECUTE FUNCTION model_facts_are_frozen();
