-- The operator's own words for a promotion, rollback or retirement (optional); changes before this have none.
ALTER TABLE model_status_change ADD COLUMN reason varchar(500);
