-- The actor is recorded by the name it logs in with (Actors.of): a Keycloak username or client id, each up to 255
-- characters. With 128, a longer name made its audit record fail, and with it the action it records.
-- Widening a VARCHAR only changes the column's declared limit: PostgreSQL neither rewrites the table nor fires the
-- append-only trigger (a row trigger on UPDATE and DELETE), no index covers the column, and every stored value, so
-- every record's hash, stays exactly as it was.
ALTER TABLE audit_log ALTER COLUMN actor_id TYPE VARCHAR(255);
